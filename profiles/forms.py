import json
import math
import unicodedata
from pathlib import PurePath

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.utils import timezone

from profiles import ratelimit
from profiles.importer import readers
from profiles.importer.segment import kept_link
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
        name = self.cleaned_data["name"].strip()
        # Django drops these from an uploaded file's name; in a pasted one, a line break would
        # end up in messages, logs and the document's page.
        if any(not character.isprintable() for character in name):
            raise forms.ValidationError(
                "A file name cannot hold line breaks, tabs or other control characters."
            )
        # A file name, not a path: it is how the document is found again.
        return PurePath(name.replace("\\", "/")).name

    def clean(self):
        cleaned = super().clean()
        pasted = (cleaned.get("text") or "").strip()
        if not cleaned.get("files") and not pasted:
            raise forms.ValidationError("Choose at least one file or paste a document.")
        if pasted and cleaned.get("name") == "":  # None when clean_name() refused it
            self.add_error("name", "Give the pasted document a file name, e.g. jane-doe.txt.")
        return cleaned

    def documents(self):
        """[(name, bytes)] in the order given: the files, then the pasted text."""
        documents = [(PurePath(file.name).name, file) for file in self.cleaned_data["files"]]
        if self.cleaned_data["text"].strip():
            documents.append((self.cleaned_data["name"], self.cleaned_data["text"]))
        return documents


# The admin's forms of the JSON fields: a list is edited one item a line (or as the JSON list
# the box used to take), and only well-formed values are stored, as pages and exports read them.

LINKS_HELP = (
    'One link a line: a label, "|" and the address, e.g. "Code | https://github.com/ada/river". '
    "Addresses are http, https or mailto; a line without a label is called Link."
)


class TextLinesField(forms.CharField):
    """A list of texts, one a line: awards, details, e-mail addresses, phone numbers."""

    widget = forms.Textarea(attrs={"rows": 3, "cols": 80})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(self.show_item(item) for item in value)
        if value is None or isinstance(value, str):
            return value
        return json.dumps(value)  # a stored value of another kind, for the curator to redo

    def show_item(self, item):
        return " ".join(item.split()) if isinstance(item, str) else json.dumps(item)

    def to_python(self, value):
        text = super().to_python(value)
        entries = [(f"Line {n}", line) for n, line in enumerate(text.splitlines(), start=1)]
        if (as_json := _json_list(text)) is not None:
            entries = [(f"Item {n}", item) for n, item in enumerate(as_json, start=1)]
        items, errors = [], []
        for where, entry in entries:
            try:
                if item := self.item(entry):
                    items.append(item)
            except forms.ValidationError as error:
                errors += [f"{where}: {message}" for message in error.messages]
        if errors:
            raise forms.ValidationError(errors)
        return items

    def item(self, entry):
        return checked_text(entry)


class LinksField(TextLinesField):
    """[{"label": ..., "url": ...}], a link a line as "label | url"."""

    def show_item(self, item):
        if isinstance(item, dict):
            label, url = (str(item.get(key) or "") for key in ("label", "url"))
            return super().show_item(f"{label} | {url}" if label else url)
        return super().show_item(item)

    def item(self, entry):
        if isinstance(entry, str):
            label, _, url = entry.rpartition("|")
        elif _is_link_object(entry):
            label, url = entry.get("label", ""), entry.get("url", "")
        else:
            raise forms.ValidationError(f"{json.dumps(entry)} is not a link.")
        label, url = checked_text(label), checked_text(url)
        if not url and not label:
            return None  # a blank line
        if not url:
            raise forms.ValidationError("no address after the label.")
        if not kept_link(url):
            raise forms.ValidationError(
                f"{url} is not a link: only http, https and mailto addresses are."
            )
        return {"label": label or "Link", "url": url}


def checked_text(value):
    """value as an item of a list of texts, its spaces made single: '' for a blank one."""
    if not isinstance(value, str):
        raise forms.ValidationError(f"{json.dumps(value)} is not a text.")
    if has_control_characters(value):
        raise forms.ValidationError("control characters are not allowed.")
    return " ".join(value.split())


def _is_link_object(value):
    return (
        isinstance(value, dict)
        and value.keys() <= {"label", "url"}
        and all(isinstance(item, str) for item in value.values())
    )


def _json_list(text):
    """The items of text when it is a JSON list, the way the box used to take it; else None."""
    if not text.startswith("["):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, list) else None


class MetricsField(forms.JSONField):
    """A JSON object of names and numbers or texts, as a document gives them."""

    widget = forms.Textarea(attrs={"rows": 3, "cols": 80})
    default_error_messages = {
        "not_metrics": "Metrics are names with a number or a text each, e.g. "
        '{"citations": 1200, "h_index": 15}.',
    }

    def to_python(self, value):
        # Blank is no metrics; null, like any JSON but an object, is refused by validate().
        return {} if value in self.empty_values else super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if not isinstance(value, dict) or not all(map(_is_metric, value.values())):
            raise forms.ValidationError(self.error_messages["not_metrics"], code="not_metrics")
        if any(map(has_control_characters, [*value, *map(str, value.values())])):
            raise forms.ValidationError("Metrics cannot hold control characters.")


def _is_metric(value):
    # NaN and infinities are no JSON: PostgreSQL would refuse them.
    return isinstance(value, str) or (isinstance(value, int | float) and math.isfinite(value))


def has_control_characters(text):
    # PostgreSQL stores no NUL in JSON, and none of them shows on a page.
    return any(unicodedata.category(character) == "Cc" for character in text)


class PersonAdminForm(forms.ModelForm):
    links = LinksField(required=False, help_text=LINKS_HELP)
    emails = TextLinesField(required=False, help_text="One a line.")
    phones = TextLinesField(required=False, help_text="One a line. Never shown publicly.")
    metrics = MetricsField(required=False, help_text="As the document gave them.")


class PaperAdminForm(forms.ModelForm):
    awards = TextLinesField(required=False, help_text="One a line.")
    links = LinksField(
        required=False,
        help_text=f"{LINKS_HELP} The paper's page shows a link labelled Code as its code.",
    )


class EntryAdminForm(forms.ModelForm):
    """Education and jobs."""

    details = TextLinesField(required=False, help_text="One a line.")


class RateLimitedLoginForm(AdminAuthenticationForm):
    """The admin login, refusing a username with too many recent failures and slowing down an
    address with many (profiles.ratelimit)."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "rate_limited": "Too many failed attempts to log in. Try again in %(wait)s.",
        "slowed_down": "Too many failed attempts to log in from your network. "
        "Try again in %(wait)s.",
    }

    def clean(self):
        username, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        if not (username and password):
            return super().clean()
        attempt = ratelimit.Attempt(self.request, username)
        # Judged before the password is checked, so that guesses made while locked learn nothing.
        if refusal := attempt.refusal:
            code = "slowed_down" if refusal.by_address else "rate_limited"
            raise forms.ValidationError(
                self.error_messages[code],
                code=code,
                params={"wait": _duration(refusal.wait, in_seconds=refusal.by_address)},
            )
        cleaned = super().clean()  # a wrong password raises, and the attempt stays a failure
        attempt.succeeded()
        return cleaned


def _duration(seconds, *, in_seconds=False):
    """'15 minutes', rounded up; in_seconds, a wait under a minute is '8 seconds'."""
    if in_seconds and seconds < 60:
        number, unit = math.ceil(seconds), "second"
    else:
        number, unit = math.ceil(seconds / 60), "minute"
    return f"{number} {unit}{'s' if number != 1 else ''}"
