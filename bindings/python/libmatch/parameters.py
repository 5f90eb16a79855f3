"""What-if parameters by name: "policy.FIELD" or "KIND.ID.FIELD" turned into a setter, for
sweeps and for the edits of a batch."""

_KINDS = {"communities": "set_community", "units": "set_unit", "volunteers": "set_volunteer",
          "resources": "set_resource", "needs": "set_need"}


def setter(parameter):
    """A function (model, value) -> None for a parameter path or a callable."""
    if callable(parameter):
        return parameter
    if not isinstance(parameter, str):
        raise TypeError("parameter must be a str path or a callable(model, value)")
    parts = parameter.split(".")
    if len(parts) == 2 and parts[0] == "policy":
        field = parts[1]

        def set_policy(model, value):
            model.policy[field] = value
        return set_policy
    if len(parts) == 3 and parts[0] in _KINDS:
        kind, item, field = parts
        method = _KINDS[kind]

        def set_item(model, value):
            getattr(model, method)(item, **{field: value})
        return set_item
    raise ValueError(f"parameter {parameter!r}: expected \"policy.FIELD\", "
                     f"\"KIND.ID.FIELD\" (KIND one of {', '.join(_KINDS)}) or a callable; "
                     "an id containing '.' needs a callable")
