from django.utils.translation import gettext_lazy as _


class RefuseNul:
    """Form mixin: text with a NUL character gets a message on its field. PostgreSQL cannot
    store it, so without this it would turn into a server error."""

    def clean(self):
        data = super().clean()
        for name, value in data.items():
            if isinstance(value, str) and "\x00" in value:
                self.add_error(name, _("Deze tekst bevat een teken dat niet kan."))
        return data
