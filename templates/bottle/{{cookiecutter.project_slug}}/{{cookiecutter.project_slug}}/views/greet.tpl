{# Bottle's SimpleTemplate: cookiecutter and copier write it as it stands. -#}
{% raw -%}
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Hello, {{name}}</title>
</head>
<body>
  <h1>Hello, {{name}}!</h1>
  <p>The square of 5: <a href="/square/5">/square/5</a></p>
</body>
</html>
{% endraw -%}
