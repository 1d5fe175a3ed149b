"""Our own named date formats, per site language (settings.FORMAT_MODULE_PATH).

Django's named formats (DATE_FORMAT…) come from its locale modules; these add the event times
(weekday, date and time), in each language's word order. Every site language needs a module: a
name no module defines would be read as a format string (a test checks).
"""
