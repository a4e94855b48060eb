# The article's posts/admin.py, copied into the app that `manage.py startapp posts` creates.
from django.contrib import admin

from .models import Post

admin.site.register(Post)
