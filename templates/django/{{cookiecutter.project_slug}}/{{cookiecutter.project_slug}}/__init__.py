"""{{ cookiecutter.project_name }}: a Django project (apps `posts` and `items`)."""
