from django.views.generic import DetailView, ListView

from .models import Post


class PostListView(ListView[Post]):
    model = Post
    paginate_by = 20


class PostDetailView(DetailView[Post]):
    model = Post
