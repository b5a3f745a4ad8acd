"""`/healthz` for the reverse proxy and monitoring: 200 when the database answers and every
migration is applied, else 503 with the reason in German. No login, no session, no cookie."""

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


def problem() -> str | None:
    """What keeps the application from serving, or None."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        return "Datenbank nicht erreichbar."
    if pending:
        return f"Nicht angewandte Migrationen: {len(pending)} (manage.py migrate)."
    return None


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    reason = problem()
    if reason:
        return HttpResponse(reason, status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
