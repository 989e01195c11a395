import math
from pathlib import PurePath

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.utils import timezone

from profiles import ratelimit
from profiles.importer import readers
from profiles.models import Person


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; the importer, not the form, judges their content."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        super().__init__(allow_empty_file=True, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class UploadForm(forms.Form):
    files = MultipleFileField(
        required=False,
        widget=MultipleFileInput(attrs={"accept": ",".join(readers.ACCEPTED)}),
        label="Documents",
        help_text="One or more CVs, profile pages or publication lists: PDF, Word (.docx), "
        "LaTeX, HTML, markdown, reStructuredText, org-mode, plain text, BibTeX, YAML/JSON.",
    )
    text = forms.CharField(
        required=False,
        label="Or paste a document",
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 100, "spellcheck": "false"}),
    )
    name = forms.CharField(
        required=False,
        max_length=255,
        label="File name for the pasted text",
        help_text="Documents are identified by name: the same name again imports a new version.",
    )
    person = forms.ModelChoiceField(
        queryset=Person.objects.order_by("name", "pk"),
        required=False,
        label="Onto an existing person",
        help_text="Attach what the documents hold to this person instead of the person they "
        "name: for a publication list (.bib), which names no one.",
    )
    captured_on = forms.DateField(
        label="Captured on",
        help_text="When the documents were written or scraped; resolves dates without a year.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["captured_on"].initial = timezone.localdate()

    def clean_name(self):
        # A file name, not a path: it is how the document is found again.
        return PurePath(self.cleaned_data["name"].strip().replace("\\", "/")).name

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("files") and not (cleaned.get("text") or "").strip():
            raise forms.ValidationError("Choose at least one file or paste a document.")
        if (cleaned.get("text") or "").strip() and not cleaned.get("name"):
            self.add_error("name", "Give the pasted document a file name, e.g. jane-doe.txt.")
        return cleaned

    def documents(self):
        """[(name, bytes)] in the order given: the files, then the pasted text."""
        documents = [(PurePath(file.name).name, file) for file in self.cleaned_data["files"]]
        if self.cleaned_data["text"].strip():
            documents.append((self.cleaned_data["name"], self.cleaned_data["text"]))
        return documents


class RateLimitedLoginForm(AdminAuthenticationForm):
    """The admin login, refusing a username or an address with too many recent failures."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "rate_limited": "Too many failed attempts to log in. Try again in %(wait)s.",
    }

    def clean(self):
        username, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        if not (username and password):
            return super().clean()
        keys = ratelimit.login_keys(self.request, username)
        # Checked before the password, so that guesses made while locked learn nothing.
        if wait := ratelimit.seconds_locked(keys):
            minutes = math.ceil(wait / 60)
            raise forms.ValidationError(
                self.error_messages["rate_limited"],
                code="rate_limited",
                params={"wait": f"{minutes} minute{'s' if minutes != 1 else ''}"},
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            ratelimit.record_failure(keys)
            raise
        # The username's earlier typos are forgiven; the address's count stands, or one valid
        # account would reset the count for guessing at the others.
        ratelimit.forget(keys[:1])
        return cleaned
