from django.urls import path
from django.utils.translation import pgettext_lazy

from ..views import places as views

app_name = "partners"

urlpatterns = [
    path(pgettext_lazy("URL", "territories/<slug:slug>/"), views.territory_detail, name="territory-detail"),
    path(pgettext_lazy("URL", "partners/<slug:slug>/"), views.partner_detail, name="partner-detail"),
    path(pgettext_lazy("URL", "pairs/<slug:slug>/"), views.pair_detail, name="pair-detail"),
    path(pgettext_lazy("URL", "map/"), views.cooperation_map, name="map"),
    path(pgettext_lazy("URL", "map.svg"), views.cooperation_map_svg, name="map-svg"),
]
