"""What a slider, carousel or hero region is (`hero-slider`, `slider-not-the-list`): its class or id names one
(Swiper, Slick, Owl, Splide, Glide, Flickity, a theme's "slider", "carousel", "slideshow", "hero")."""

from __future__ import annotations

import re

from .dom import Element

__all__ = ["in_carousel", "is_carousel"]

_REGION = re.compile(r"(?:^|[\s_-])(?:swiper|slider|carousel|slick|owl|splide|glide|flickity|slideshow|hero)"
                     r"(?:$|[\s_-])", re.I)


def is_carousel(el: Element) -> bool:
    return bool(_REGION.search(el.get("class") or "") or _REGION.search(el.get("id") or ""))


def in_carousel(el: Element) -> bool:
    """Inside a slider, carousel or hero region."""
    return any(is_carousel(a) for a in el.iterancestors() if isinstance(a.tag, str))
