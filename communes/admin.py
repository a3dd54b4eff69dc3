from django.contrib import admin

from .models import Commune, CommuneKindPeriod, District, Province, UnitChange, Village


class KindPeriodInline(admin.TabularInline):
    model = CommuneKindPeriod
    extra = 0


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["key", "code", "name", "valid_from", "valid_to"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "province", "valid_to"]
    list_filter = ["province", "kind"]


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = [
        "key",
        "code",
        "name",
        "kind",
        "district",
        "province",
        "valid_from",
        "valid_to",
        "extremely_difficult",
        "on_roadmap",
    ]
    list_filter = ["province", "district", "kind", "extremely_difficult", "on_roadmap"]
    list_editable = ["extremely_difficult", "on_roadmap"]
    search_fields = ["key", "code", "name", "search_name"]
    inlines = [KindPeriodInline]
    list_select_related = ["district", "province"]


@admin.register(UnitChange)
class UnitChangeAdmin(admin.ModelAdmin):
    list_display = [
        "date",
        "level",
        "predecessor_commune",
        "predecessor_province",
        "successor_commune",
        "successor_province",
        "whole",
        "legal_basis",
    ]
    list_filter = ["level", "date", "whole"]
    search_fields = ["predecessor_commune__name", "successor_commune__name", "legal_basis"]
    list_select_related = [
        "predecessor_commune",
        "successor_commune",
        "predecessor_province",
        "successor_province",
    ]
    raw_id_fields = [
        "predecessor_commune",
        "successor_commune",
        "predecessor_province",
        "successor_province",
    ]


@admin.register(Village)
class VillageAdmin(admin.ModelAdmin):
    list_display = ["name", "commune", "extremely_difficult", "is_demo"]
    list_filter = ["extremely_difficult", "commune__district"]
    search_fields = ["name", "search_name"]
    list_select_related = ["commune"]
