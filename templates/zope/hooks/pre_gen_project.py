{{ cookiecutter | hook_script("pre_gen") }}
