"""The portal's form template (templates/forms/form.html, USWDSFormRenderer)."""

from django import forms


class WithHidden(forms.Form):
    name = forms.CharField()
    token = forms.CharField(widget=forms.HiddenInput)


def test_a_form_with_a_hidden_field_renders_it_once():
    html = str(WithHidden(initial={"token": "abc"}))
    assert html.count('type="hidden"') == 1
    assert 'value="abc"' in html
    assert 'name="name"' in html


def test_a_hidden_fields_error_is_shown_at_the_top():
    form = WithHidden(data={"name": "x"})
    assert not form.is_valid()
    html = str(form)
    assert "usa-alert--error" in html
    assert "(Hidden field token)" in html
