"""Better Together: rights information, services and program tools for migrant workers."""

import django_stubs_ext

# Django's generic classes (ModelForm[Model], ModelAdmin[Model], ...) take type parameters at run time,
# from the first import of the project on (settings, gunicorn's logging, a command), whatever comes first.
django_stubs_ext.monkeypatch()
