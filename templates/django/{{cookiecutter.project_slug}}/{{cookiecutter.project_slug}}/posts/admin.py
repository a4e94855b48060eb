from django.contrib import admin

from .models import Post


@admin.register(Post)
class PostAdmin(admin.ModelAdmin[Post]):
    list_display = ("title", "published_date")
    search_fields = ("title", "content")
    date_hierarchy = "published_date"
