from django.contrib import admin

from profiles.models import (
    Authorship,
    Education,
    Job,
    Organization,
    Paper,
    PaperSource,
    Person,
    SectionItem,
    SourceDocument,
)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "headline", "show_email"]
    search_fields = ["name", "headline"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


@admin.register(Paper)
class PaperAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "kind", "status", "venue"]
    list_filter = ["kind", "status"]
    search_fields = ["title"]


@admin.register(SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin):
    list_display = ["name", "person", "captured_on", "imported_at", "parser_version"]
    search_fields = ["name"]


admin.site.register([Education, Job, SectionItem, Authorship, PaperSource])
