from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from intmk.models import Land, User

admin.site.register(User, UserAdmin)


@admin.register(Land)
class LandAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
