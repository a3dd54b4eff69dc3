from django.contrib import admin

from .models import Commune, CommuneKindPeriod, District, Province, Village


class KindPeriodInline(admin.TabularInline):
    model = CommuneKindPeriod
    extra = 0


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "province"]
    list_filter = ["province", "kind"]


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "district", "extremely_difficult", "on_roadmap"]
    list_filter = ["district", "kind", "extremely_difficult", "on_roadmap"]
    list_editable = ["extremely_difficult", "on_roadmap"]
    search_fields = ["code", "name", "search_name"]
    inlines = [KindPeriodInline]
    list_select_related = ["district"]


@admin.register(Village)
class VillageAdmin(admin.ModelAdmin):
    list_display = ["name", "commune", "extremely_difficult", "is_demo"]
    list_filter = ["extremely_difficult", "commune__district"]
    search_fields = ["name", "search_name"]
    list_select_related = ["commune"]
