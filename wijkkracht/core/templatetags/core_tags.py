from django import forms, template

register = template.Library()


@register.filter
def is_checkbox(field) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template, or None."""
    return mapping.get(key) if mapping else None


@register.simple_tag
def described(field):
    """The field's widget tied to its help text and error, so screen readers read them."""
    attrs = {}
    ids = []
    if field.help_text and not field.use_fieldset:
        ids.append(f"{field.auto_id}_help")
    if field.errors:
        attrs["aria-invalid"] = "true"
        if not field.use_fieldset:
            ids.append(f"{field.auto_id}_error")
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    return field.as_widget(attrs=attrs)
