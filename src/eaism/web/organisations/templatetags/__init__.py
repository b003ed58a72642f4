"""Template filters of the site: `{% load eaism %}`."""
