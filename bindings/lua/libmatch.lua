-- libmatch.lua: the Lua layer of the libmatch module.
--
-- This chunk is compiled into libmatch.so and runs when require("libmatch") loads it, with
-- the module table (the SWIG wrapper of the C API: match_model_create, match_plan_*, ...)
-- as its argument. It adds a table-in, table-out API on top:
--
--   local libmatch = require("libmatch")
--   local model = libmatch.load("examples/xinmi.json")      -- or libmatch.Model(), from_table
--   model.policy.max_distance_km = 2
--   local plan = model:solve{time_limit = 60}
--   print(plan.status, plan.objective)
--   for _, need in ipairs(plan:unmet()) do print(need.id, need.unmet_reason) end
--   plan:to_json("plan.json")
--
-- Errors are raised with error() and carry the library's message, which names the item and
-- the field. Models and plans are freed by the garbage collector.

local M = ...

local C = {}   -- the low-level functions, also reachable as libmatch.c.<name>
for k, v in pairs(M) do C[k] = v end
M.c = C

local math_type, tointeger = math.type, math.tointeger

-- ---- helpers -------------------------------------------------------------------------------

local function whole(x)
  -- 24.0 -> 24 (hours and amounts are whole numbers in plans); NaN -> nil
  if x ~= x then return nil end
  return tointeger(x) or x
end

local function check_type(fn, what, value, expected, optional)
  if value == nil and optional then return end
  if type(value) ~= expected then
    error(("%s: %s must be a %s, got %s"):format(fn, what, expected, type(value)), 3)
  end
end

local function check_list(fn, what, list)
  if list == nil then return {} end
  if type(list) ~= "table" then
    error(("%s: %s must be a list of strings, got %s"):format(fn, what, type(list)), 3)
  end
  for i, v in ipairs(list) do
    if type(v) ~= "string" then
      error(("%s: %s[%d] must be a string, got %s"):format(fn, what, i, type(v)), 3)
    end
  end
  return list
end

-- A whole number for a C int argument; nil gives `default`. (C ints have no fractions:
-- like a wrong type, a fraction is an argument error.)
local function opt_int(fn, what, x, default)
  if x == nil then return default end
  local n = tointeger(x)
  if n == nil or n < -2147483647 or n > 2147483647 then
    error(("%s: %s must be a whole number, got %s"):format(fn, what, tostring(x)), 3)
  end
  return n
end

local function check_location(fn, t)
  if (t.lat == nil) ~= (t.lon == nil) then
    error(fn .. ": give both lat and lon, or neither", 3)
  end
  check_type(fn, "lat", t.lat, "number", true)
  check_type(fn, "lon", t.lon, "number", true)
  return t.lat ~= nil
end

-- A minimal JSON encoder, for from_table (the C reader then validates the scenario exactly
-- as it validates a file). Tables with keys 1..n are arrays; empty tables are arrays except
-- the policy, which is an object.
local encode

local function encode_string(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    local named = { ['"'] = '\\"', ['\\'] = '\\\\', ['\n'] = '\\n', ['\r'] = '\\r',
                    ['\t'] = '\\t', ['\b'] = '\\b', ['\f'] = '\\f' }
    return named[c] or ("\\u%04x"):format(c:byte())
  end) .. '"'
end

local function is_array(t)
  local n = 0
  for _ in pairs(t) do n = n + 1 end
  for i = 1, n do
    if t[i] == nil then return false end
  end
  return true, n
end

encode = function(v, key, out)
  local tv = type(v)
  if tv == "string" then
    out[#out + 1] = encode_string(v)
  elseif tv == "number" then
    if v ~= v or v == math.huge or v == -math.huge then
      error(("from_table: %s: numbers must be finite"):format(key or "value"), 0)
    end
    out[#out + 1] = math_type(v) == "integer" and tostring(v) or ("%.17g"):format(v)
  elseif tv == "boolean" then
    out[#out + 1] = tostring(v)
  elseif tv == "table" then
    if v == M.null then
      out[#out + 1] = "null"
      return
    end
    local array, n = is_array(v)
    if array and not (n == 0 and key == "policy") then
      out[#out + 1] = "["
      for i = 1, n do
        if i > 1 then out[#out + 1] = "," end
        encode(v[i], key, out)
      end
      out[#out + 1] = "]"
    else
      local keys = {}
      for k in pairs(v) do
        if type(k) ~= "string" then
          error(("from_table: %s: keys must be strings, got %s"):format(key or "scenario",
                                                                      type(k)), 0)
        end
        keys[#keys + 1] = k
      end
      table.sort(keys)
      out[#out + 1] = "{"
      for i, k in ipairs(keys) do
        if i > 1 then out[#out + 1] = "," end
        out[#out + 1] = encode_string(k) .. ":"
        encode(v[k], k, out)
      end
      out[#out + 1] = "}"
    end
  else
    error(("from_table: %s: cannot encode a %s"):format(key or "value", tv), 0)
  end
end

--- A value that from_table writes as JSON null.
M.null = setmetatable({}, { __tostring = function() return "null" end })

--- Encodes a Lua table as JSON (the encoding from_table uses).
function M.json_encode(t)
  local out = {}
  encode(t, nil, out)
  return table.concat(out)
end

-- ---- models --------------------------------------------------------------------------------

local Model = {}
Model.__index = Model
M.Model_methods = Model

-- The names of the C library's lists, read from it: name_at(0), name_at(1), ... to nil.
local function names(name_at)
  local list, k = {}, 0
  while true do
    local name = name_at(k)
    if name == nil then return list end
    list[#list + 1] = name
    k = k + 1
  end
end

-- Numeric policy fields, and the policy fields whose value is a word with the words each
-- takes (the first is the default); all read from the C library.
local POLICY_FIELDS = names(C.match_policy_field_name)
local POLICY_OPTION_NAMES = names(C.match_policy_option_name)
local POLICY_OPTIONS = {}
for _, field in ipairs(POLICY_OPTION_NAMES) do
  POLICY_OPTIONS[field] = names(function(k) return C.match_policy_option_word(field, k) end)
end
M.POLICY_OPTIONS = POLICY_OPTIONS
M.POLICY_FIELDS = POLICY_FIELDS

local KINDS = { communities = C.MATCH_KIND_COMMUNITY, units = C.MATCH_KIND_UNIT,
                volunteers = C.MATCH_KIND_VOLUNTEER, resources = C.MATCH_KIND_RESOURCE,
                needs = C.MATCH_KIND_NEED }

local function policy_proxy(handle)
  return setmetatable({}, {
    __index = function(_, field)
      if type(field) ~= "string" then return nil end
      if POLICY_OPTIONS[field] then
        return C.match_model_get_policy_option(handle, field)
      end
      if field == "priority_weights" then
        local weights = {}
        for p = 1, C.MATCH_PRIORITY_LEVELS do
          weights[p] = C.match_model_get_priority_weight(handle, p)
        end
        return weights
      end
      local ok, value = pcall(C.match_model_get_policy, handle, field)
      if ok then return value end
      return nil
    end,
    __newindex = function(_, field, value)
      if field == "priority_weights" then
        check_type("policy", "priority_weights", value, "table")
        C.match_model_set_priority_weights(handle, value)
      elseif POLICY_OPTIONS[field] then
        check_type("policy", field, value, "string")
        C.match_model_set_policy_option(handle, field, value)
      else
        check_type("policy", tostring(field), value, "number")
        C.match_model_set_policy(handle, field, value)
      end
    end,
    __pairs = function()
      local i = 0
      return function()
        i = i + 1
        local f = POLICY_FIELDS[i]
        if f then return f, C.match_model_get_policy(handle, f) end
        local option = POLICY_OPTION_NAMES[i - #POLICY_FIELDS]
        if option then return option, C.match_model_get_policy_option(handle, option) end
      end
    end,
  })
end

local function wrap_model(handle)
  return setmetatable({ _m = handle, policy = policy_proxy(handle) }, Model)
end

--- Creates an empty model with the default policy; t.name sets its name.
function M.Model(t)
  local model = wrap_model(C.match_model_create())
  if t ~= nil then
    check_type("Model", "argument", t, "table")
    if t.name ~= nil then model:set_name(t.name) end
  end
  return model
end

--- Reads and validates a scenario file into a model.
function M.load(path)
  check_type("load", "path", path, "string")
  return wrap_model(C.match_model_load_json(path))
end
M.from_json = M.load

--- Reads a scenario from a JSON string; source_name names it in messages.
function M.from_json_string(text, source_name)
  check_type("from_json_string", "text", text, "string")
  check_type("from_json_string", "source_name", source_name, "string", true)
  return wrap_model(C.match_model_load_json_string(text, source_name))
end

--- Builds a model from a scenario as a Lua table (the scenario file's structure).
function M.from_table(t, source_name)
  check_type("from_table", "scenario", t, "table")
  local copy = {}
  for k, v in pairs(t) do copy[k] = v end
  if copy.format == nil then copy.format = "libmatch-scenario-1" end
  return M.from_json_string(M.json_encode(copy), source_name or "<table>")
end

--- An independent deep copy of the model.
function Model:copy()
  return wrap_model(C.match_model_copy(self._m))
end

function Model:name() return C.match_model_name(self._m) end

function Model:set_name(name)
  check_type("set_name", "name", name, "string")
  C.match_model_set_name(self._m, name)
end

function Model:set_policy(field, value)
  self.policy[field] = value
end

function Model:get_policy(field)
  return C.match_model_get_policy(self._m, field)
end

--- The ids of one kind ("communities", "units", "volunteers", "resources", "needs").
function Model:ids(kind)
  local code = KINDS[kind]
  if code == nil then error("ids: unknown kind " .. tostring(kind), 2) end
  local ids = {}
  for i = 0, C.match_model_count(self._m, code) - 1 do
    ids[#ids + 1] = C.match_model_item_id(self._m, code, i)
  end
  return ids
end

function Model:count(kind)
  local code = KINDS[kind]
  if code == nil then error("count: unknown kind " .. tostring(kind), 2) end
  return C.match_model_count(self._m, code)
end

--- add_community(id, {lat=, lon=, name=, street=})
function Model:add_community(id, t)
  check_type("add_community", "id", id, "string")
  check_type("add_community", "fields", t, "table")
  check_type("add_community", "lat", t.lat, "number")
  check_type("add_community", "lon", t.lon, "number")
  check_type("add_community", "name", t.name, "string", true)
  check_type("add_community", "street", t.street, "string", true)
  C.match_model_add_community(self._m, id, t.name, t.street, t.lat, t.lon)
end

--- add_unit(id, {community=, name=, min_projects=})
function Model:add_unit(id, t)
  check_type("add_unit", "id", id, "string")
  check_type("add_unit", "fields", t, "table")
  check_type("add_unit", "community", t.community, "string")
  check_type("add_unit", "name", t.name, "string", true)
  check_type("add_unit", "min_projects", t.min_projects, "number", true)
  C.match_model_add_unit_attrs(self._m, id, t.name, t.community,
                               opt_int("add_unit", "min_projects", t.min_projects, C.MATCH_POLICY_DEFAULT))
end

--- add_volunteer(id, {community=, hours=, skills=, slots=, unit=, min_hours=,
---                    max_distance_km=, lat=, lon=})
function Model:add_volunteer(id, t)
  local fn = "add_volunteer"
  check_type(fn, "id", id, "string")
  check_type(fn, "fields", t, "table")
  check_type(fn, "community", t.community, "string")
  check_type(fn, "hours", t.hours, "number")
  check_type(fn, "unit", t.unit, "string", true)
  check_type(fn, "min_hours", t.min_hours, "number", true)
  check_type(fn, "max_distance_km", t.max_distance_km, "number", true)
  local skills = check_list(fn, "skills", t.skills)
  local slots = check_list(fn, "slots", t.slots)
  local located = check_location(fn, t)
  C.match_model_add_volunteer_attrs(self._m, id, t.community, t.hours, t.unit,
                                    located and 1 or 0, t.lat or 0, t.lon or 0,
                                    t.min_hours or C.MATCH_POLICY_DEFAULT,
                                    t.max_distance_km or C.MATCH_POLICY_DEFAULT, skills, slots)
end

--- add_resource(id, {unit=, type=, amount=, categories=, lat=, lon=})
function Model:add_resource(id, t)
  local fn = "add_resource"
  check_type(fn, "id", id, "string")
  check_type(fn, "fields", t, "table")
  check_type(fn, "unit", t.unit, "string")
  check_type(fn, "type", t.type, "string")
  check_type(fn, "amount", t.amount, "number")
  local categories = check_list(fn, "categories", t.categories)
  local located = check_location(fn, t)
  C.match_model_add_resource_attrs(self._m, id, t.unit, t.type, t.amount, located and 1 or 0,
                                   t.lat or 0, t.lon or 0, categories)
end

--- add_need(id, {community=, category=, priority=, hours=, skills=, slots=, min_volunteers=,
---               max_volunteers=, resources={{type=, amount=}, ...} or {venue = 1},
---               all_or_nothing=, required=})
function Model:add_need(id, t)
  local fn = "add_need"
  check_type(fn, "id", id, "string")
  check_type(fn, "fields", t, "table")
  check_type(fn, "community", t.community, "string")
  check_type(fn, "category", t.category, "string")
  check_type(fn, "priority", t.priority, "number")
  check_type(fn, "hours", t.hours, "number", true)
  check_type(fn, "min_volunteers", t.min_volunteers, "number", true)
  check_type(fn, "max_volunteers", t.max_volunteers, "number", true)
  check_type(fn, "resources", t.resources, "table", true)
  check_type(fn, "all_or_nothing", t.all_or_nothing, "boolean", true)
  check_type(fn, "required", t.required, "boolean", true)
  local skills = check_list(fn, "skills", t.skills)
  local slots = check_list(fn, "slots", t.slots)
  local asks = {}
  for k, v in pairs(t.resources or {}) do
    if type(k) == "string" then
      asks[#asks + 1] = { type = k, amount = v }
    elseif type(v) == "table" then
      asks[#asks + 1] = { type = v.type, amount = v.amount or 1 }
    end
  end
  local types, amounts = {}, {}
  for i, a in ipairs(asks) do
    check_type(fn, "resource type", a.type, "string")
    check_type(fn, "resource amount", a.amount, "number")
    types[i], amounts[i] = a.type, a.amount
  end
  local priority = opt_int(fn, "priority", t.priority, 0)
  local min_volunteers = opt_int(fn, "min_volunteers", t.min_volunteers, C.MATCH_POLICY_DEFAULT)
  local max_volunteers = opt_int(fn, "max_volunteers", t.max_volunteers, C.MATCH_UNLIMITED)
  C.match_model_add_need_attrs(self._m, id, t.community, t.category, priority, t.hours or 0,
                               min_volunteers, max_volunteers, t.all_or_nothing and 1 or 0,
                               t.required and 1 or 0, types, amounts, skills, slots)
end

--- Fixes a pair: the volunteer gives the need at least `hours`.
function Model:fix(volunteer, need, hours)
  check_type("fix", "volunteer", volunteer, "string")
  check_type("fix", "need", need, "string")
  check_type("fix", "hours", hours, "number")
  C.match_model_fix_pair(self._m, volunteer, need, hours)
end

--- Lists a pair chosen whole or not at all: add_pair(volunteer, need, {hours=, value=}).
--- When chosen the volunteer spends exactly `hours` and the plan gains `value` (default 0).
function Model:add_pair(volunteer, need, t)
  check_type("add_pair", "volunteer", volunteer, "string")
  check_type("add_pair", "need", need, "string")
  check_type("add_pair", "fields", t, "table")
  check_type("add_pair", "hours", t.hours, "number")
  check_type("add_pair", "value", t.value, "number", true)
  C.match_model_add_pair(self._m, volunteer, need, t.value or 0, t.hours)
end

--- The number of listed pairs.
function Model:pair_count() return C.match_model_pair_count(self._m) end

--- Forbids a pair.
function Model:forbid(volunteer, need)
  check_type("forbid", "volunteer", volunteer, "string")
  check_type("forbid", "need", need, "string")
  C.match_model_forbid_pair(self._m, volunteer, need)
end

--- Makes `plan` the plan in force for stable re-planning: a plan from solve, a plan file's
--- path, or nil to forget it (see docs/model.md; the policy's change_penalty prices moves).
function Model:set_previous_plan(plan)
  if plan == nil then
    C.match_model_clear_previous_plan(self._m)
  elseif type(plan) == "string" then
    C.match_model_load_previous_plan(self._m, plan)
  elseif type(plan) == "table" and plan._p ~= nil then
    C.match_model_set_previous_plan(self._m, plan._p)
  else
    error("set_previous_plan: plan must be a plan, a path or nil, got " .. type(plan), 2)
  end
end

--- Sets the hours the plan in force gives one pair (a whole number >= 0; 0 removes it).
function Model:set_previous_hours(volunteer, need, hours)
  check_type("set_previous_hours", "volunteer", volunteer, "string")
  check_type("set_previous_hours", "need", need, "string")
  check_type("set_previous_hours", "hours", hours, "number")
  C.match_model_set_previous_hours(self._m, volunteer, need, hours)
end

local Plan = {}
Plan.__index = Plan
M.Plan_methods = Plan

local function wrap_plan(handle)
  local p = handle
  local plan = {
    _p = handle,
    status = C.match_status_name(C.match_plan_status(p)),
    objective = whole(C.match_plan_objective(p)),
    bound = whole(C.match_plan_bound(p)),
    message = C.match_plan_message(p),
    solve_seconds = C.match_plan_solve_seconds(p),
    pair_count = C.match_plan_pair_count(p),
    timings = {
      pairs = C.match_plan_phase_seconds(p, C.MATCH_PHASE_PAIRS),
      build = C.match_plan_phase_seconds(p, C.MATCH_PHASE_BUILD),
      solve = C.match_plan_phase_seconds(p, C.MATCH_PHASE_SOLVE),
      plan = C.match_plan_phase_seconds(p, C.MATCH_PHASE_PLAN),
    },
    objective_mode = C.match_plan_objective_mode(p),
    needs = {}, volunteers = {}, units = {},
  }
  -- Lexicographic mode: {name = "priority 5", value = ..., bound = ...} per level.
  if C.match_plan_level_count(p) > 0 then
    plan.levels = {}
    for k = 0, C.match_plan_level_count(p) - 1 do
      plan.levels[k + 1] = { name = C.match_plan_level_name(p, k),
                             value = whole(C.match_plan_level_value(p, k)),
                             bound = whole(C.match_plan_level_bound(p, k)) }
    end
  end
  -- Stable re-planning: the plan in force's hours, and those moved away from it.
  local previous = C.match_plan_has_previous(p) ~= 0
  if previous then
    plan.previous_hours = whole(C.match_plan_previous_hours(p))
    plan.moved_hours = whole(C.match_plan_moved_hours(p))
  end
  for i = 0, C.match_plan_need_count(p) - 1 do
    local need = {
      id = C.match_plan_need_id(p, i),
      priority = C.match_plan_need_priority(p, i),
      coverage = whole(C.match_plan_need_coverage(p, i)),
      hours = whole(C.match_plan_need_hours(p, i)),
      volunteers = {}, resources = {},
      unmet_reason = C.match_plan_need_unmet_reason(p, i),
      category = C.match_plan_need_category(p, i),
      community = C.match_plan_need_community(p, i),
      street = C.match_plan_need_street(p, i),
    }
    for k = 0, C.match_plan_need_volunteer_count(p, i) - 1 do
      need.volunteers[k + 1] = { id = C.match_plan_need_volunteer_id(p, i, k),
                                 hours = whole(C.match_plan_need_volunteer_hours(p, i, k)) }
    end
    for k = 0, C.match_plan_need_resource_count(p, i) - 1 do
      need.resources[k + 1] = { id = C.match_plan_need_resource_id(p, i, k),
                                amount = whole(C.match_plan_need_resource_amount(p, i, k)) }
    end
    plan.needs[i + 1] = need
  end
  for i = 0, C.match_plan_volunteer_count(p) - 1 do
    plan.volunteers[i + 1] = { id = C.match_plan_volunteer_id(p, i),
                               hours = whole(C.match_plan_volunteer_hours(p, i)),
                               shortfall = whole(C.match_plan_volunteer_shortfall(p, i)),
                               moved_hours = previous
                                   and whole(C.match_plan_volunteer_moved_hours(p, i)) or nil }
  end
  for i = 0, C.match_plan_unit_count(p) - 1 do
    plan.units[i + 1] = { id = C.match_plan_unit_id(p, i),
                          projects = C.match_plan_unit_projects(p, i),
                          shortfall = C.match_plan_unit_shortfall(p, i) }
  end
  return setmetatable(plan, Plan)
end

--- Solves the model. opts: time_limit (wall seconds for the whole call), mip_gap (numbers),
--- solver ("auto", "glpk" or "flow", as the command line's --solver), interrupt (a function
--- returning true to stop: the plan so far comes back with status "interrupted"), progress
--- (a function(phase, elapsed, incumbent, bound, gap), NaN where unknown, called at least
--- once a second and at each improvement), log (a function(level, message)), warm_start (a
--- plan to start from, usually the plan before a what-if change).
function Model:solve(opts)
  check_type("solve", "options", opts, "table", true)
  if opts ~= nil and (opts.warm_start ~= nil or type(opts.solver) == "string") then
    local o = {}
    for k, v in pairs(opts) do o[k] = v end
    if opts.warm_start ~= nil then
      check_type("solve", "warm_start", opts.warm_start, "table")
      o.warm_start = opts.warm_start._p
    end
    if type(opts.solver) == "string" then
      local solvers = { auto = C.MATCH_SOLVER_AUTO, glpk = C.MATCH_SOLVER_GLPK,
                        flow = C.MATCH_SOLVER_FLOW }
      o.solver = solvers[opts.solver]
      if o.solver == nil then
        error(("solve: solver must be \"auto\", \"glpk\" or \"flow\", got %q"):format(opts.solver), 2)
      end
    end
    opts = o
  end
  return wrap_plan(C.match_model_solve(self._m, opts))
end

--- Writes the model's integer program to `path`: format "mps" (free MPS, no objective
--- sense: tell the solver to maximise) or "lp" (CPLEX LP); nil picks it from the extension.
function Model:export(path, format)
  check_type("export", "path", path, "string")
  check_type("export", "format", format, "string", true)
  format = format or (path:lower():match("%.lp$") and "lp" or "mps")
  local codes = { mps = C.MATCH_EXPORT_MPS, lp = C.MATCH_EXPORT_LP }
  if not codes[format] then
    error(("export: format must be \"mps\" or \"lp\", got %q"):format(format), 2)
  end
  C.match_model_export(self._m, path, codes[format])
end

--- Removes an item ("community", "unit", "volunteer", "resource" or "need"); the setters of
--- include/libmatch/edit.h are available as libmatch.match_model_set_...(model._m, ...).
-- ---- what-if edits ---------------------------------------------------------------------------
--
-- The set_* methods take a table of the fields to change, as Python's keyword arguments do;
-- libmatch.null puts an optional field back to its default (the policy's value, the
-- community's location, no unit). Field types are checked before anything changes; the C
-- library then applies the fields in the order listed here, and a value it rejects raises
-- its error (naming the item and field) with the fields before it already applied.

-- One field of an edit: the setter for a value, the clearing call (or nil: cannot be
-- cleared) for libmatch.null, and the type the value must have ("integer": a whole number).
local function edit_field(fn, calls, id, t, field, kind, set, clear)
  local v = t[field]
  if v == nil then return end
  if v == M.null then
    if clear == nil then error(("%s: %s cannot be cleared"):format(fn, field), 3) end
    calls[#calls + 1] = { clear, id }
    return
  end
  if kind == "integer" then
    v = opt_int(fn, field, v, nil)
  else
    check_type(fn, field, v, kind)
  end
  calls[#calls + 1] = { set, id, v }
end

-- Tags added and taken away: t[add_key] and t[remove_key] are lists of strings.
local function edit_tags(fn, calls, id, t, add_key, add, remove_key, remove)
  for _, s in ipairs(check_list(fn, add_key, t[add_key])) do calls[#calls + 1] = { add, id, s } end
  for _, s in ipairs(check_list(fn, remove_key, t[remove_key])) do
    calls[#calls + 1] = { remove, id, s }
  end
end

local function edit_location(fn, calls, id, t, set, clear)
  if t.lat == nil and t.lon == nil then return end
  if (t.lat == M.null) ~= (t.lon == M.null) or (t.lat == nil) ~= (t.lon == nil) then
    error(fn .. ": give lat and lon together", 3)
  end
  if t.lat == M.null then
    if clear == nil then error(fn .. ": a community always has a location", 3) end
    calls[#calls + 1] = { clear, id }
  else
    check_type(fn, "lat", t.lat, "number")
    check_type(fn, "lon", t.lon, "number")
    calls[#calls + 1] = { set, id, t.lat, t.lon }
  end
end

function Model:_edit(calls)
  for _, call in ipairs(calls) do call[1](self._m, table.unpack(call, 2)) end
end

-- A clearing call for setters that take NULL: set(model, id, nil).
local function with_nil(set)
  return function(m, id) return set(m, id, nil) end
end

local function edit_args(fn, id, t)
  check_type(fn, "id", id, "string")
  check_type(fn, "fields", t, "table")
  return {}
end

--- set_community(id, {name=, street=, lat=, lon=})
function Model:set_community(id, t)
  local fn = "set_community"
  local calls = edit_args(fn, id, t)
  edit_field(fn, calls, id, t, "name", "string", C.match_model_set_community_name,
             with_nil(C.match_model_set_community_name))
  edit_field(fn, calls, id, t, "street", "string", C.match_model_set_community_street,
             with_nil(C.match_model_set_community_street))
  edit_location(fn, calls, id, t, C.match_model_set_community_location, nil)
  self:_edit(calls)
end

--- set_unit(id, {name=, community=, min_projects=})
function Model:set_unit(id, t)
  local fn = "set_unit"
  local calls = edit_args(fn, id, t)
  edit_field(fn, calls, id, t, "name", "string", C.match_model_set_unit_name,
             with_nil(C.match_model_set_unit_name))
  edit_field(fn, calls, id, t, "community", "string", C.match_model_set_unit_community)
  edit_field(fn, calls, id, t, "min_projects", "integer", C.match_model_set_unit_min_projects,
             C.match_model_clear_unit_min_projects)
  self:_edit(calls)
end

--- set_volunteer(id, {hours=, community=, unit=, lat=, lon=, min_hours=, max_distance_km=,
---                    add_skills=, remove_skills=, add_slots=, remove_slots=})
function Model:set_volunteer(id, t)
  local fn = "set_volunteer"
  local calls = edit_args(fn, id, t)
  edit_field(fn, calls, id, t, "hours", "number", C.match_model_set_volunteer_hours)
  edit_field(fn, calls, id, t, "community", "string", C.match_model_set_volunteer_community)
  edit_field(fn, calls, id, t, "unit", "string", C.match_model_set_volunteer_unit,
             C.match_model_clear_volunteer_unit)
  edit_location(fn, calls, id, t, C.match_model_set_volunteer_location,
                C.match_model_clear_volunteer_location)
  edit_field(fn, calls, id, t, "min_hours", "number", C.match_model_set_volunteer_min_hours,
             C.match_model_clear_volunteer_min_hours)
  edit_field(fn, calls, id, t, "max_distance_km", "number",
             C.match_model_set_volunteer_max_distance, C.match_model_clear_volunteer_max_distance)
  edit_tags(fn, calls, id, t, "add_skills", C.match_model_add_volunteer_skill, "remove_skills",
            C.match_model_remove_volunteer_skill)
  edit_tags(fn, calls, id, t, "add_slots", C.match_model_add_volunteer_slot, "remove_slots",
            C.match_model_remove_volunteer_slot)
  self:_edit(calls)
end

--- set_resource(id, {amount=, type=, unit=, lat=, lon=, add_categories=, remove_categories=})
function Model:set_resource(id, t)
  local fn = "set_resource"
  local calls = edit_args(fn, id, t)
  edit_field(fn, calls, id, t, "amount", "number", C.match_model_set_resource_amount)
  edit_field(fn, calls, id, t, "type", "string", C.match_model_set_resource_type)
  edit_field(fn, calls, id, t, "unit", "string", C.match_model_set_resource_unit)
  edit_location(fn, calls, id, t, C.match_model_set_resource_location,
                C.match_model_clear_resource_location)
  edit_tags(fn, calls, id, t, "add_categories", C.match_model_add_resource_category,
            "remove_categories", C.match_model_remove_resource_category)
  self:_edit(calls)
end

--- set_need(id, {priority=, category=, community=, hours=, min_volunteers=, max_volunteers=,
---               resources={type = amount or libmatch.null}, all_or_nothing=, required=,
---               add_skills=, remove_skills=, add_slots=, remove_slots=})
function Model:set_need(id, t)
  local fn = "set_need"
  local calls = edit_args(fn, id, t)
  edit_field(fn, calls, id, t, "priority", "integer", C.match_model_set_need_priority)
  edit_field(fn, calls, id, t, "category", "string", C.match_model_set_need_category)
  edit_field(fn, calls, id, t, "community", "string", C.match_model_set_need_community)
  edit_field(fn, calls, id, t, "hours", "number", C.match_model_set_need_hours)
  edit_field(fn, calls, id, t, "min_volunteers", "integer",
             C.match_model_set_need_min_volunteers, C.match_model_clear_need_min_volunteers)
  if t.max_volunteers == M.null then
    calls[#calls + 1] = { C.match_model_set_need_max_volunteers, id, C.MATCH_UNLIMITED }
  else
    edit_field(fn, calls, id, t, "max_volunteers", "integer",
               C.match_model_set_need_max_volunteers)
  end
  if t.resources ~= nil then
    check_type(fn, "resources", t.resources, "table")
    local types = {}
    for rtype in pairs(t.resources) do
      check_type(fn, "resource type", rtype, "string")
      types[#types + 1] = rtype
    end
    table.sort(types) -- a fixed order, whatever the table's
    for _, rtype in ipairs(types) do
      local amount = t.resources[rtype]
      if amount == M.null then
        calls[#calls + 1] = { C.match_model_remove_need_resource, id, rtype }
      else
        check_type(fn, "resource amount", amount, "number")
        calls[#calls + 1] = { C.match_model_set_need_resource, id, rtype, amount }
      end
    end
  end
  for _, field in ipairs({ "all_or_nothing", "required" }) do
    local flag = t[field]
    if flag ~= nil then
      check_type(fn, field, flag, "boolean")
      local set = field == "required" and C.match_model_set_need_required
                  or C.match_model_set_need_all_or_nothing
      calls[#calls + 1] = { set, id, flag and 1 or 0 }
    end
  end
  edit_tags(fn, calls, id, t, "add_skills", C.match_model_add_need_skill, "remove_skills",
            C.match_model_remove_need_skill)
  edit_tags(fn, calls, id, t, "add_slots", C.match_model_add_need_slot, "remove_slots",
            C.match_model_remove_need_slot)
  self:_edit(calls)
end

--- Sets the most distinct volunteers a need may have; nil or libmatch.null lifts the limit.
function Model:set_max_volunteers(need, max_volunteers)
  check_type("set_max_volunteers", "need", need, "string")
  if max_volunteers == M.null then max_volunteers = nil end
  C.match_model_set_need_max_volunteers(self._m, need,
    opt_int("set_max_volunteers", "max_volunteers", max_volunteers, C.MATCH_UNLIMITED))
end

--- Undoes fix; an error if the pair is not fixed.
function Model:unfix(volunteer, need)
  check_type("unfix", "volunteer", volunteer, "string")
  check_type("unfix", "need", need, "string")
  C.match_model_unfix_pair(self._m, volunteer, need)
end

--- Undoes forbid; an error if the pair is not forbidden.
function Model:unforbid(volunteer, need)
  check_type("unforbid", "volunteer", volunteer, "string")
  check_type("unforbid", "need", need, "string")
  C.match_model_unforbid_pair(self._m, volunteer, need)
end

--- The model as a scenario file: returned as a string, or written to `path`.
function Model:to_json(path)
  if path == nil then return C.match_model_to_json(self._m) end
  check_type("to_json", "path", path, "string")
  C.match_model_write_json(self._m, path)
end

--- Removes an item; with cascade true also its dependents (a community's volunteers, needs
--- and units, a unit's resources). Returns what went: a list of {kind=, id=}.
function Model:remove(kind, id, cascade)
  local codes = { community = C.MATCH_KIND_COMMUNITY, unit = C.MATCH_KIND_UNIT,
                  volunteer = C.MATCH_KIND_VOLUNTEER, resource = C.MATCH_KIND_RESOURCE,
                  need = C.MATCH_KIND_NEED }
  if codes[kind] == nil then error("remove: unknown kind " .. tostring(kind), 2) end
  check_type("remove", "id", id, "string")
  C.match_model_remove_ex(self._m, codes[kind], id, cascade and C.MATCH_REMOVE_CASCADE or 0)
  local removed = {}
  for k = 0, C.match_model_removed_count(self._m) - 1 do
    removed[#removed + 1] = { kind = C.match_item_kind_name(C.match_model_removed_kind(self._m, k)),
                              id = C.match_model_removed_id(self._m, k) }
  end
  return removed
end

-- The headline indicators of an evaluation (docs/evaluate.md), by name.
local INDICATORS = { "needs", "needs_covered", "needs_partial", "needs_unmet", "coverage_mean",
                     "value_share", "hours_asked", "hours_received", "required_needs",
                     "required_met", "distance_mean_km", "distance_p90_km", "distance_max_km",
                     "hours_offered", "hours_given", "volunteers", "volunteers_serving",
                     "members", "members_meeting", "units", "units_with_obligation",
                     "units_meeting", "gini_hours", "max_median_hours",
                     "projects_per_unit_mean", "projects_per_unit_max", "gini_projects",
                     "points_total", "unit_points_total", "violations", "objective" }
M.INDICATORS = INDICATORS

--- Judges a plan (one this model solved, or one read with read_plan) against every hard rule
--- (docs/evaluate.md): a table with valid, objective (recomputed), stated_objective, terms
--- ({coverage, listed, distance, ...}), violations (list of {rule, rule_number, hard, item,
--- need, have, limit, text}), indicators ({name = value}) and json (the whole evaluation,
--- libmatch-evaluation-1, as a string: tables by priority, street, community and category,
--- per volunteer and unit).
function Model:evaluate(plan)
  check_type("evaluate", "plan", plan, "table")
  local ev = C.match_plan_evaluate(self._m, plan._p)
  local t = { valid = C.match_evaluation_valid(ev) == 1,
              objective = whole(C.match_evaluation_objective(ev)),
              stated_objective = whole(C.match_evaluation_stated_objective(ev)),
              terms = {}, violations = {}, indicators = {},
              json = C.match_evaluation_to_json(ev) }
  for k = 0, C.MATCH_TERM_COUNT - 1 do
    t.terms[C.match_term_name(k)] = whole(C.match_evaluation_term(ev, k))
  end
  for k = 0, C.match_evaluation_violation_count(ev) - 1 do
    local rule = C.match_evaluation_violation_rule(ev, k)
    local have, limit = C.match_evaluation_violation_have(ev, k),
                        C.match_evaluation_violation_limit(ev, k)
    t.violations[k + 1] = { rule = C.match_rule_name(rule), rule_number = C.match_rule_number(rule),
                            hard = C.match_rule_is_hard(rule) == 1,
                            item = C.match_evaluation_violation_item(ev, k),
                            need = C.match_evaluation_violation_need(ev, k),
                            have = have == have and whole(have) or nil,
                            limit = limit == limit and whole(limit) or nil,
                            text = C.match_evaluation_violation_text(ev, k) }
  end
  for _, name in ipairs(INDICATORS) do
    local v = C.match_evaluation_indicator(ev, name)
    if v == v then t.indicators[name] = whole(v) end
  end
  return t
end

--- The HTML report of a plan (docs/report.md) as a string, or written to opts.path;
--- opts.lang ("zh", "en"; default: Chinese when the scenario's names are), opts.previous
--- (a plan: what changed since), opts.label (how the page names the plan).
function Model:report(plan, opts)
  check_type("report", "plan", plan, "table")
  opts = opts or {}
  local html = C.match_report_html(self._m, plan._p, opts.previous and opts.previous._p or nil,
                                   opts.lang, opts.label)
  if opts.path == nil then return html end
  local f = assert(io.open(opts.path, "w"))
  f:write(html)
  f:close()
end

function Model:__tostring()
  local parts = {}
  for _, k in ipairs({ "communities", "units", "volunteers", "resources", "needs" }) do
    parts[#parts + 1] = ("%s=%d"):format(k, self:count(k))
  end
  return ("libmatch.Model(%q %s)"):format(self:name(), table.concat(parts, " "))
end

--- The plan file as a string, or written to `path` (atomically) when given.
function Plan:to_json(path)
  if path == nil then return C.match_plan_to_json(self._p) end
  check_type("to_json", "path", path, "string")
  C.match_plan_write_json(self._p, path)
end

--- The needs not fully covered.
function Plan:unmet()
  local list = {}
  for _, n in ipairs(self.needs) do
    if n.coverage < 1 then list[#list + 1] = n end
  end
  return list
end

--- The need with this id, or nil.
function Plan:need(id)
  for _, n in ipairs(self.needs) do
    if n.id == id then return n end
  end
end

--- The plan as plain data (the plan file's structure), without methods.
function Plan:to_table()
  local t = {}
  for k, v in pairs(self) do
    if k ~= "_p" then t[k] = v end
  end
  t.format = "libmatch-plan-1"
  return t
end

--- What changed from this plan to `other`: a table with objective {before, after}, gained,
--- lost, raised, lowered (lists of {id, priority, category, street, coverage_before,
--- coverage_after}), moves ({volunteer, need, hours_before, hours_after}), volunteers_moved,
--- and by_priority, by_street, by_category ({key, needs_before, needs_after, met_before,
--- met_after, coverage_before, coverage_after}).
function Plan:diff(other)
  check_type("diff", "other", other, "table")
  local d = C.match_plan_diff(self._p, other._p)
  local B, A = C.MATCH_SIDE_BEFORE, C.MATCH_SIDE_AFTER
  local t = { objective = { before = whole(C.match_diff_objective(d, B)),
                            after = whole(C.match_diff_objective(d, A)) },
              gained = {}, lost = {}, raised = {}, lowered = {}, moves = {},
              volunteers_moved = C.match_diff_volunteers_moved(d) }
  local lists = { [C.MATCH_CHANGE_GAINED] = t.gained, [C.MATCH_CHANGE_LOST] = t.lost,
                  [C.MATCH_CHANGE_RAISED] = t.raised, [C.MATCH_CHANGE_LOWERED] = t.lowered }
  for k = 0, C.match_diff_need_count(d) - 1 do
    local list = lists[C.match_diff_need_change(d, k)]
    list[#list + 1] = { id = C.match_diff_need_id(d, k),
                        priority = C.match_diff_need_priority(d, k),
                        category = C.match_diff_need_category(d, k),
                        street = C.match_diff_need_street(d, k),
                        coverage_before = whole(C.match_diff_need_coverage(d, k, B)),
                        coverage_after = whole(C.match_diff_need_coverage(d, k, A)) }
  end
  for k = 0, C.match_diff_move_count(d) - 1 do
    t.moves[k + 1] = { volunteer = C.match_diff_move_volunteer(d, k),
                       need = C.match_diff_move_need(d, k),
                       hours_before = whole(C.match_diff_move_hours(d, k, B)),
                       hours_after = whole(C.match_diff_move_hours(d, k, A)) }
  end
  for name, by in pairs({ by_priority = C.MATCH_GROUP_BY_PRIORITY, by_street = C.MATCH_GROUP_BY_STREET,
                          by_category = C.MATCH_GROUP_BY_CATEGORY }) do
    local groups = {}
    for k = 0, C.match_diff_group_count(d, by) - 1 do
      groups[k + 1] = { key = C.match_diff_group_key(d, by, k),
                        needs_before = C.match_diff_group_needs(d, by, k, B),
                        needs_after = C.match_diff_group_needs(d, by, k, A),
                        met_before = C.match_diff_group_met(d, by, k, B),
                        met_after = C.match_diff_group_met(d, by, k, A),
                        coverage_before = whole(C.match_diff_group_coverage(d, by, k, B)),
                        coverage_after = whole(C.match_diff_group_coverage(d, by, k, A)) }
    end
    t[name] = groups
  end
  return t
end

function Plan:__tostring()
  return ("libmatch.Plan(%s objective=%s needs=%d unmet=%d)"):format(
    self.status, tostring(self.objective), #self.needs, #self:unmet())
end

--- Reads a plan file back (for Plan:diff, or a solve's warm_start).
function M.read_plan(path)
  check_type("read_plan", "path", path, "string")
  return wrap_plan(C.match_plan_load_json(path))
end

function M.version() return C.match_version() end
function M.glpk_version() return C.match_glpk_version() end
M._VERSION = C.match_version()
