"""Changing a built model for what-if runs: the ``set_*``, ``remove`` and undo methods of
:class:`libmatch.Model` (the C calls of ``libmatch/edit.h``)."""

import collections.abc
import numbers

from . import libmatch_c as _c

__all__ = []

#: A keyword argument not given (None means "back to the default" in the setters).
_UNSET = object()

_KIND_CODES = {
    "community": _c.MATCH_KIND_COMMUNITY, "communities": _c.MATCH_KIND_COMMUNITY,
    "unit": _c.MATCH_KIND_UNIT, "units": _c.MATCH_KIND_UNIT,
    "volunteer": _c.MATCH_KIND_VOLUNTEER, "volunteers": _c.MATCH_KIND_VOLUNTEER,
    "resource": _c.MATCH_KIND_RESOURCE, "resources": _c.MATCH_KIND_RESOURCE,
    "need": _c.MATCH_KIND_NEED, "needs": _c.MATCH_KIND_NEED,
}

def _str(value, what):
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}")
    return value


def _opt_str(value, what):
    return None if value is None else _str(value, what)


def _real(value, what):
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{what} must be a number, not {type(value).__name__}")
    return float(value)


def _int(value, what):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{what} must be an int, not {type(value).__name__}")
    return int(value)


def _words(values, what):
    if isinstance(values, (str, bytes)) or not isinstance(values, collections.abc.Iterable):
        raise TypeError(f"{what} must be a list of str, not {type(values).__name__}")
    return [_str(v, what) for v in values]


def _location(lat, lon):
    """(lat, lon) given, None to clear, or _UNSET; both or neither."""
    if (lat is _UNSET) != (lon is _UNSET) or ((lat is None) != (lon is None)):
        raise TypeError("give lat and lon together")
    if lat is _UNSET or lat is None:
        return lat
    return _real(lat, "lat"), _real(lon, "lon")


class EditMixin:
    """What-if edits of a :class:`libmatch.Model`. Every keyword argument is optional and
    changes only that field; ``None`` puts an optional field back to its default (the
    policy's value, the community's location, no unit). Arguments are checked for their
    Python types before anything changes; the library then applies the fields in the order
    of the signature, and a value it rejects raises :class:`libmatch.InputError` (naming the
    item and field) with the fields before it already applied.
    """

    def _edit(self, calls):
        with self._lock:
            for call in calls:
                call[0](self._m, *call[1:])

    def set_community(self, id, *, name=_UNSET, street=_UNSET, lat=_UNSET, lon=_UNSET):
        """Changes a community: display ``name`` and ``street`` (None clears), location."""
        _str(id, "id")
        calls = []
        if name is not _UNSET:
            calls.append((_c.match_model_set_community_name, id, _opt_str(name, "name")))
        if street is not _UNSET:
            calls.append((_c.match_model_set_community_street, id, _opt_str(street, "street")))
        location = _location(lat, lon)
        if location is None:
            raise TypeError("a community always has a location")
        if location is not _UNSET:
            calls.append((_c.match_model_set_community_location, id, *location))
        self._edit(calls)

    def set_unit(self, id, *, name=_UNSET, community=_UNSET, min_projects=_UNSET):
        """Changes a unit: ``name``, ``community``, ``min_projects`` (None: the policy's)."""
        _str(id, "id")
        calls = []
        if name is not _UNSET:
            calls.append((_c.match_model_set_unit_name, id, _opt_str(name, "name")))
        if community is not _UNSET:
            calls.append((_c.match_model_set_unit_community, id, _str(community, "community")))
        if min_projects is None:
            calls.append((_c.match_model_clear_unit_min_projects, id))
        elif min_projects is not _UNSET:
            calls.append((_c.match_model_set_unit_min_projects, id,
                          _int(min_projects, "min_projects")))
        self._edit(calls)

    def set_volunteer(self, id, *, hours=_UNSET, community=_UNSET, unit=_UNSET, lat=_UNSET,
                      lon=_UNSET, min_hours=_UNSET, max_distance_km=_UNSET, add_skills=(),
                      remove_skills=(), add_slots=(), remove_slots=()):
        """Changes a volunteer: ``hours``, home ``community``, ``unit`` (None: no unit),
        ``lat``/``lon`` (None: the community's), ``min_hours`` and ``max_distance_km``
        (None: the policy's), and skills and slots added or taken away."""
        _str(id, "id")
        calls = []
        if hours is not _UNSET:
            calls.append((_c.match_model_set_volunteer_hours, id, _real(hours, "hours")))
        if community is not _UNSET:
            calls.append((_c.match_model_set_volunteer_community, id,
                          _str(community, "community")))
        if unit is None:
            calls.append((_c.match_model_clear_volunteer_unit, id))
        elif unit is not _UNSET:
            calls.append((_c.match_model_set_volunteer_unit, id, _str(unit, "unit")))
        location = _location(lat, lon)
        if location is None:
            calls.append((_c.match_model_clear_volunteer_location, id))
        elif location is not _UNSET:
            calls.append((_c.match_model_set_volunteer_location, id, *location))
        if min_hours is None:
            calls.append((_c.match_model_clear_volunteer_min_hours, id))
        elif min_hours is not _UNSET:
            calls.append((_c.match_model_set_volunteer_min_hours, id,
                          _real(min_hours, "min_hours")))
        if max_distance_km is None:
            calls.append((_c.match_model_clear_volunteer_max_distance, id))
        elif max_distance_km is not _UNSET:
            calls.append((_c.match_model_set_volunteer_max_distance, id,
                          _real(max_distance_km, "max_distance_km")))
        calls += [(_c.match_model_add_volunteer_skill, id, s)
                  for s in _words(add_skills, "add_skills")]
        calls += [(_c.match_model_remove_volunteer_skill, id, s)
                  for s in _words(remove_skills, "remove_skills")]
        calls += [(_c.match_model_add_volunteer_slot, id, s)
                  for s in _words(add_slots, "add_slots")]
        calls += [(_c.match_model_remove_volunteer_slot, id, s)
                  for s in _words(remove_slots, "remove_slots")]
        self._edit(calls)

    def set_resource(self, id, *, amount=_UNSET, type=_UNSET, unit=_UNSET, lat=_UNSET,
                     lon=_UNSET, add_categories=(), remove_categories=()):
        """Changes a resource: ``amount``, ``type``, ``unit``, ``lat``/``lon`` (None: its
        unit's community), and categories added or taken away."""
        _str(id, "id")
        calls = []
        if amount is not _UNSET:
            calls.append((_c.match_model_set_resource_amount, id, _real(amount, "amount")))
        if type is not _UNSET:
            calls.append((_c.match_model_set_resource_type, id, _str(type, "type")))
        if unit is not _UNSET:
            calls.append((_c.match_model_set_resource_unit, id, _str(unit, "unit")))
        location = _location(lat, lon)
        if location is None:
            calls.append((_c.match_model_clear_resource_location, id))
        elif location is not _UNSET:
            calls.append((_c.match_model_set_resource_location, id, *location))
        calls += [(_c.match_model_add_resource_category, id, s)
                  for s in _words(add_categories, "add_categories")]
        calls += [(_c.match_model_remove_resource_category, id, s)
                  for s in _words(remove_categories, "remove_categories")]
        self._edit(calls)

    def set_need(self, id, *, priority=_UNSET, category=_UNSET, community=_UNSET,
                 hours=_UNSET, min_volunteers=_UNSET, resources=None, all_or_nothing=_UNSET,
                 required=_UNSET, add_skills=(), remove_skills=(), add_slots=(),
                 remove_slots=()):
        """Changes a need: ``priority``, ``category``, ``community``, ``hours``,
        ``min_volunteers`` (None: the default), ``resources`` (``{type: amount}``; an amount
        of None withdraws the request), ``all_or_nothing``, ``required``, and skills and
        slots added or taken away."""
        _str(id, "id")
        calls = []
        if priority is not _UNSET:
            calls.append((_c.match_model_set_need_priority, id, _int(priority, "priority")))
        if category is not _UNSET:
            calls.append((_c.match_model_set_need_category, id, _str(category, "category")))
        if community is not _UNSET:
            calls.append((_c.match_model_set_need_community, id,
                          _str(community, "community")))
        if hours is not _UNSET:
            calls.append((_c.match_model_set_need_hours, id, _real(hours, "hours")))
        if min_volunteers is None:
            calls.append((_c.match_model_clear_need_min_volunteers, id))
        elif min_volunteers is not _UNSET:
            calls.append((_c.match_model_set_need_min_volunteers, id,
                          _int(min_volunteers, "min_volunteers")))
        if resources is not None:
            if not isinstance(resources, collections.abc.Mapping):
                raise TypeError("resources must be a dict {type: amount or None}")
            for rtype, amount in resources.items():
                _str(rtype, "resource type")
                if amount is None:
                    calls.append((_c.match_model_remove_need_resource, id, rtype))
                else:
                    calls.append((_c.match_model_set_need_resource, id, rtype,
                                  _real(amount, "amount")))
        for flag, call in ((all_or_nothing, _c.match_model_set_need_all_or_nothing),
                           (required, _c.match_model_set_need_required)):
            if flag is not _UNSET:
                if not isinstance(flag, (bool, int)):
                    raise TypeError("all_or_nothing and required must be bools")
                calls.append((call, id, 1 if flag else 0))
        calls += [(_c.match_model_add_need_skill, id, s)
                  for s in _words(add_skills, "add_skills")]
        calls += [(_c.match_model_remove_need_skill, id, s)
                  for s in _words(remove_skills, "remove_skills")]
        calls += [(_c.match_model_add_need_slot, id, s)
                  for s in _words(add_slots, "add_slots")]
        calls += [(_c.match_model_remove_need_slot, id, s)
                  for s in _words(remove_slots, "remove_slots")]
        self._edit(calls)

    def remove(self, kind, id, *, cascade=False):
        """Removes an item: ``kind`` is "community", "unit", "volunteer", "resource" or
        "need" (or the plural). A volunteer or need goes with its fixed and forbidden pairs;
        a community or unit that other items name is refused with
        :class:`libmatch.InputError` naming the first of them, unless ``cascade`` is true:
        then its dependents go too (a community's volunteers, needs and units, a unit's
        resources; members of a removed unit who live elsewhere stay, without a unit).
        Returns what was removed as a list of ``(kind, id)``, dependents first."""
        if kind not in _KIND_CODES:
            raise ValueError(f"kind must be one of community, unit, volunteer, resource, need; "
                             f"got {kind!r}")
        _str(id, "id")
        code = _KIND_CODES[kind]
        with self._lock:
            _c.match_model_remove_ex(self._m, code, id,
                                     _c.MATCH_REMOVE_CASCADE if cascade else 0)
            return [(_c.match_item_kind_name(_c.match_model_removed_kind(self._m, k)),
                     _c.match_model_removed_id(self._m, k))
                    for k in range(_c.match_model_removed_count(self._m))]

    def unfix(self, volunteer, need):
        """Undoes :meth:`fix`; :class:`libmatch.InputError` if the pair is not fixed."""
        self._edit([(_c.match_model_unfix_pair, _str(volunteer, "volunteer"),
                     _str(need, "need"))])

    def unforbid(self, volunteer, need):
        """Undoes :meth:`forbid`; :class:`libmatch.InputError` if it is not forbidden."""
        self._edit([(_c.match_model_unforbid_pair, _str(volunteer, "volunteer"),
                     _str(need, "need"))])

