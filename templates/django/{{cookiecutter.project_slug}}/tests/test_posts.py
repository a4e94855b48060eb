"""The posts app: model, list and detail pages, admin."""

import pytest
from django.contrib import admin
from django.test import Client

from {{ cookiecutter.project_slug }}.posts.models import Post

pytestmark = pytest.mark.django_db


def test_str_is_the_title() -> None:
    assert str(Post(title="Hello", content="World")) == "Hello"


def test_list_shows_posts_newest_first(client: Client) -> None:
    first = Post.objects.create(title="First post", content="One")
    second = Post.objects.create(title="Second post", content="Two")
    response = client.get("/posts/")
    assert response.status_code == 200
    assert list(response.context["post_list"]) == [second, first]
    html = response.content.decode()
    assert html.index("Second post") < html.index("First post")
    assert first.get_absolute_url() in html


def test_list_without_posts(client: Client) -> None:
    response = client.get("/posts/")
    assert response.status_code == 200
    assert b"No posts yet" in response.content


def test_detail_shows_the_post(client: Client) -> None:
    post = Post.objects.create(title="A <title>", content="Line one\nLine two")
    response = client.get(f"/posts/{post.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "A &lt;title&gt;" in html  # escaped by the template
    assert "Line one<br>Line two" in html
    assert response.context["post"] == post


def test_detail_of_a_missing_post_is_404(client: Client) -> None:
    assert client.get("/posts/999999/").status_code == 404


def test_published_date_is_set_on_creation() -> None:
    post = Post.objects.create(title="Dated", content="x")
    assert post.published_date is not None


def test_post_is_registered_in_the_admin() -> None:
    assert admin.site.is_registered(Post)


def test_admin_lists_and_adds_posts(admin_client: Client) -> None:
    Post.objects.create(title="In the admin", content="x")
    changelist = admin_client.get("/admin/posts/post/")
    assert changelist.status_code == 200
    assert b"In the admin" in changelist.content
    added = admin_client.post(
        "/admin/posts/post/add/", {"title": "Written in the admin", "content": "Body"}
    )
    assert added.status_code == 302
    assert Post.objects.filter(title="Written in the admin").exists()


def test_admin_needs_a_login(client: Client) -> None:
    response = client.get("/admin/posts/post/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
