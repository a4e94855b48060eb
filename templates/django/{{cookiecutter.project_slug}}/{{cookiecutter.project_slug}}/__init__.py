"""{{ cookiecutter.project_name }}: a Django project with the `posts` and `items` apps."""
