from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from intmk.models import Land, Role, User


class RoleInline(admin.TabularInline[Role, User]):
    """Roles are granted on the user's page; each change lands in the role history."""

    model = Role
    extra = 0
    fields = ["kind", "land", "year"]
    autocomplete_fields = ["land"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User]):
    inlines = [RoleInline]
    list_display = ["username", "first_name", "last_name", "email", "role_list", "is_active"]
    list_filter = ["is_active", "is_staff", "roles__kind", "roles__land"]

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return super().get_queryset(request).prefetch_related("roles__land")

    @admin.display(description="Rollen")
    def role_list(self, user: User) -> str:
        return ", ".join(str(role) for role in user.roles.all()) or "–"


@admin.register(Role)
class RoleAdmin(SimpleHistoryAdmin):  # type: ignore[misc]  # simple_history ships no type hints
    """All roles at a glance, with the history of who granted or withdrew which, and when."""

    list_display = ["user", "kind", "land", "year"]
    list_filter = ["kind", "land", "year"]
    list_select_related = ["user", "land"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user", "land"]


@admin.register(Land)
class LandAdmin(admin.ModelAdmin[Land]):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
