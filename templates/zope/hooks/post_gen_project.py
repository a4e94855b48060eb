{{ cookiecutter | hook_script("post_gen") }}
