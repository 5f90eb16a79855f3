-- Tests of the Lua binding: lua5.4 tests/lua/test_binding.lua
-- Needs the built module on LUA_CPATH; LIBMATCH_CLI (optional) is the match tool, for the
-- byte-for-byte comparison with its plan. Exits non-zero when a test fails.

local libmatch = require("libmatch")

local here = (arg and arg[0] or ""):match("^(.*)/[^/]*$") or "."
local XINMI = os.getenv("LIBMATCH_XINMI") or (here .. "/../../examples/xinmi.json")
local CLI = os.getenv("LIBMATCH_CLI")

local passed, failed, skipped = 0, 0, 0
local function test(name, fn)
  local ok, err = xpcall(fn, debug.traceback)
  if ok and err == "skip" then
    skipped = skipped + 1
    print("SKIP " .. name)
  elseif ok then
    passed = passed + 1
    print("ok   " .. name)
  else
    failed = failed + 1
    print("FAIL " .. name .. "\n" .. tostring(err))
  end
end

local function raises(pattern, fn, ...)
  local ok, err = pcall(fn, ...)
  assert(not ok, "expected an error matching " .. pattern)
  assert(tostring(err):find(pattern), ("error %q does not match %q"):format(tostring(err), pattern))
  return err
end

local function read_file(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

local function small_model()
  local m = libmatch.Model{name = "新华路 test"}
  m:add_community("C01", {lat = 34.53, lon = 113.38, name = "新惠街社区", street = "新华路街道"})
  m:add_community("C02", {lat = 34.54, lon = 113.39})
  m:add_unit("U01", {community = "C01", name = "郑煤总医院", min_projects = 1})
  m:add_volunteer("志愿者1", {community = "C01", hours = 24, skills = {"medical"}, unit = "U01",
                             slots = {"weekend"}, min_hours = 4, max_distance_km = 5})
  m:add_volunteer("V2", {community = "C02", hours = 10, lat = 34.541, lon = 113.391})
  m:add_volunteer("V3", {community = "C02", hours = 8, skills = {"teaching"}})
  m:add_resource("R1", {unit = "U01", type = "venue", amount = 2, categories = {"health"}})
  m:add_need("N1", {community = "C01", category = "health", priority = 5, hours = 20,
                    skills = {"medical"}, resources = {venue = 1}, slots = {"weekend"}})
  m:add_need("N2", {community = "C02", category = "after_school", priority = 3, hours = 12,
                    skills = {"teaching"}, min_volunteers = 1})
  m:add_need("N3", {community = "C02", category = "culture", priority = 1, hours = 40,
                    all_or_nothing = true})
  return m
end

test("version", function()
  assert(libmatch.version() == libmatch.match_version())
  assert(libmatch.version():match("^%d+%.%d+%.%d+$"))
  assert(libmatch.match_version_number() == libmatch.MATCH_VERSION_NUMBER)
  assert(#libmatch.glpk_version() > 0)
end)

test("build and read back", function()
  local m = small_model()
  assert(m:name() == "新华路 test")
  local v = m:ids("volunteers")
  assert(#v == 3 and v[1] == "志愿者1" and v[3] == "V3")
  assert(m:count("needs") == 3)
  assert(tostring(m):find("volunteers=3"))
  raises("unknown kind", m.ids, m, "people")
end)

test("policy", function()
  local m = libmatch.Model()
  assert(m.policy.max_distance_km == 3.0)
  m.policy.max_distance_km = 2
  assert(m.policy.max_distance_km == 2.0)
  assert(m:get_policy("distance_cost") == 0.001)
  m:set_policy("distance_cost", 0.002)
  assert(m.policy.distance_cost == 0.002)
  assert(m.policy.priority_weights[5] == 16)
  m.policy.priority_weights = {1, 3, 9, 27, 81}
  assert(m.policy.priority_weights[1] == 1 and m.policy.priority_weights[5] == 81)
  assert(m.policy.no_such_field == nil)
  raises("", function() m.policy.no_such_field = 1 end)
  raises("max_distance_km", function() m.policy.max_distance_km = -1 end)
  raises("must be a number", function() m.policy.max_distance_km = "far" end)
  assert(m.policy.objective == "weighted" and m.policy.eligibility == "computed")
  m.policy.objective = "lexicographic"
  assert(m.policy.objective == "lexicographic")
  raises("pairs_only", function() m.policy.eligibility = "some" end)
  raises("must be a string", function() m.policy.objective = 1 end)
  local n = 0
  for k, v in pairs(m.policy) do
    n = n + 1
    assert(type(k) == "string" and (type(v) == "number" or libmatch.POLICY_OPTIONS[k]))
  end
  assert(n == #libmatch.POLICY_FIELDS + 2)
end)

test("solve and plan tables", function()
  local plan = small_model():solve{time_limit = 30, mip_gap = 0}
  assert(plan.status == "optimal")
  assert(math.abs(plan.objective - plan.bound) < 1e-6)
  assert(#plan.needs == 3 and plan.needs[1].id == "N1")
  local n1 = plan:need("N1")
  assert(n1.coverage == 1 and n1.hours == 20 and n1.priority == 5)
  assert(n1.volunteers[1].id == "志愿者1" and n1.volunteers[1].hours == 20)
  assert(n1.resources[1].id == "R1" and n1.resources[1].amount == 1)
  assert(n1.unmet_reason == nil)
  local unmet = plan:unmet()
  assert(#unmet >= 1 and plan:need("N3").unmet_reason)
  assert(plan.volunteers[1].id == "志愿者1" and plan.volunteers[1].shortfall == 0)
  assert(plan.units[1].id == "U01" and plan.units[1].projects >= 1)
  assert(tostring(plan):find("optimal"))
  local t = plan:to_table()
  assert(t.format == "libmatch-plan-1" and t._p == nil and t.needs[2].id == "N2")
end)

test("to_json string and file", function()
  local plan = small_model():solve()
  local text = plan:to_json()
  assert(text:find('"format": "libmatch-plan-1"', 1, true))
  assert(text:find("志愿者1", 1, true))
  local path = os.tmpname()
  plan:to_json(path)
  assert(read_file(path) == text)
  os.remove(path)
  raises("no/such/dir", plan.to_json, plan, "/no/such/dir/plan.json")
end)

test("load, from_table and from_json_string agree", function()
  local a = libmatch.load(XINMI):solve():to_json()
  local b = libmatch.from_json_string(read_file(XINMI)):solve():to_json()
  assert(a == b)
  local m = libmatch.from_table{
    name = "table",
    policy = {},
    communities = {{id = "社区一", lat = 34.53, lon = 113.38}},
    units = {{id = "U1", community = "社区一"}},
    volunteers = {{id = "张三", community = "社区一", unit = "U1", hours = 10,
                   skills = {"medical"}}},
    needs = {{id = "送医上门", community = "社区一", category = "health", priority = 4,
              hours = 8, skills = {"medical"}}},
  }
  local plan = m:solve()
  assert(plan.needs[1].id == "送医上门" and plan.needs[1].volunteers[1].id == "张三")
  assert(plan.needs[1].volunteers[1].hours == 8)
end)

test("errors carry the library's message", function()
  raises("missing%.json", libmatch.load, "/nonexistent/missing.json")
  raises("broken", libmatch.from_json_string, '{"format": ', "broken")
  local err = raises("hours", libmatch.from_table, {
    communities = {{id = "C1", lat = 1, lon = 2}},
    volunteers = {{id = "V1", community = "C1", hours = -1}},
  })
  assert(tostring(err):find("V1"))
  local m = small_model()
  raises('duplicate', m.add_volunteer, m, "V2", {community = "C01", hours = 1})
  raises('no community with id "C77"', m.add_need, m, "N9",
         {community = "C77", category = "x", priority = 3})
  raises('no unit with id "U99"', m.add_volunteer, m, "V9",
         {community = "C01", hours = 1, unit = "U99"})
  assert(m:count("volunteers") == 3)
  raises("lat", m.add_community, m, "C09", {lat = 91, lon = 0})
  raises("", m.fix, m, "V2", "N404", 3)
  m:fix("V2", "N3", 5)
  raises("", m.forbid, m, "V2", "N3")
end)

test("wrong argument types are errors, not crashes", function()
  local m = small_model()
  local plan = m:solve()
  raises("must be a string", m.add_community, m, 1, {lat = 1, lon = 1})
  raises("must be a number", m.add_volunteer, m, "V9", {community = "C01", hours = "lots"})
  raises("must be a list", m.add_volunteer, m, "V9", {community = "C01", hours = 1,
                                                      skills = "medical"})
  raises("both lat and lon", m.add_volunteer, m, "V9", {community = "C01", hours = 1, lat = 1})
  raises("options", m.solve, m, 5)
  raises("interrupt must be a function", m.solve, m, {interrupt = 5})
  raises("expected", libmatch.match_model_add_volunteer, m._m, "V9", "C01", "x")
  raises("", libmatch.match_model_add_volunteer, plan._p, "V9", "C01", 1)
  raises("must be a libmatch object", libmatch.match_model_add_volunteer, nil, "V9", "C01", 1)
  raises("", libmatch.match_plan_need_count, m._m)
  raises("argument 1 must be a model", libmatch.match_model_solve, "model")
  raises("numbers", libmatch.match_model_set_priority_weights, m._m, {1, "x", 4, 8, 16})
end)

test("plan outlives its model", function()
  local m = small_model()
  local plan = m:solve()
  local raw = libmatch.match_model_solve(m._m)
  m = nil
  collectgarbage()
  collectgarbage()
  assert(plan.needs[1].volunteers[1].id == "志愿者1")
  assert(plan:to_json():find("志愿者1", 1, true))
  assert(libmatch.match_plan_need_count(raw) == 3)
  assert(libmatch.match_plan_need_id(raw, 99) == nil)
end)

test("copy is independent and outlives the original", function()
  local m = small_model()
  local c = m:copy()
  c.policy.max_distance_km = 0.5
  c:add_volunteer("V4", {community = "C01", hours = 5})
  assert(m.policy.max_distance_km == 3.0 and m:count("volunteers") == 3)
  m = nil
  collectgarbage()
  assert(c:count("volunteers") == 4 and c:solve().status == "optimal")
end)

test("garbage collector frees many objects", function()
  for _ = 1, 200 do
    local p = small_model():solve()
    assert(#p.needs == 3)
  end
  collectgarbage()
end)

test("interrupt and callback errors", function()
  local m = libmatch.load(XINMI)
  local calls = 0
  local stopped = m:solve{interrupt = function() calls = calls + 1; return true end}
  assert(calls > 0)
  assert(stopped.status == "interrupted", stopped.status)
  local reports, last_bound, last_plan = 0, math.huge, -math.huge
  local solved = m:solve{solver = "glpk", progress = function(phase, elapsed, plan, bound, gap)
    assert(type(phase) == "string" and elapsed >= 0)
    if bound == bound then assert(bound <= last_bound); last_bound = bound end
    if plan == plan then assert(plan >= last_plan); last_plan = plan end
    reports = reports + 1
  end}
  assert(solved.status == "optimal" and reports >= 2)
  assert(math.abs(last_plan - solved.objective) < 1e-6)
  raises("solver must be", m.solve, m, {solver = "simplex"})
  raises("boom", m.solve, m, {interrupt = function() error("boom") end})
  local lines = 0
  local plan = m:solve{log_level = libmatch.MATCH_LOG_DEBUG,
                       log = function(level, msg)
                         assert(type(level) == "number" and type(msg) == "string")
                         lines = lines + 1
                       end}
  assert(plan.status == "optimal")
end)

test("infeasible is a status", function()
  local m = small_model()
  m:add_need("N4", {community = "C01", category = "x", priority = 5, hours = 500,
                    required = true})
  local plan = m:solve()
  assert(plan.status == "infeasible" and plan.message:find("N4"))
  assert(#plan.needs == 4)
end)

test("plan equals the CLI's byte for byte", function()
  if not CLI then return "skip" end
  local out = os.tmpname()
  local ok = os.execute(("%q solve %q -o %q --quiet"):format(CLI, XINMI, out))
  assert(ok, "the CLI failed")
  local cli = read_file(out)
  os.remove(out)
  local plan = libmatch.load(XINMI):solve()
  assert(plan:to_json() == cli)
  local mine = os.tmpname()
  plan:to_json(mine)
  assert(read_file(mine) == cli)
  os.remove(mine)
end)

test("listed pairs and max_volunteers", function()
  -- V1 (3 h) is listed with N1 (priority 5, no hours) for 2 h at value 1.5, and with N2
  -- (priority 1) for 2 h at value 0: only one fits, and N1's is worth more (16 + 1.5).
  local m = libmatch.Model()
  m:add_community("C0", {lat = 34, lon = 113})
  m:add_volunteer("V1", {community = "C0", hours = 3})
  m:add_need("N1", {community = "C0", category = "x", priority = 5, max_volunteers = 1})
  m:add_need("N2", {community = "C0", category = "x", priority = 1})
  m:add_pair("V1", "N1", {hours = 2, value = 1.5})
  m:add_pair("V1", "N2", {hours = 2})
  assert(m:pair_count() == 2)
  local plan = m:solve()
  assert(plan.status == "optimal")
  assert(math.abs(plan.objective - 17.5) < 1e-9)
  assert(plan:need("N1").volunteers[1].id == "V1" and plan:need("N1").volunteers[1].hours == 2)
  assert(#plan:need("N2").volunteers == 0)
  raises("listed twice", m.add_pair, m, "V1", "N1", {hours = 2})
  raises('no need with id "N9"', m.add_pair, m, "V1", "N9", {hours = 2})
  raises("must be a number", m.add_pair, m, "V1", "N2", {hours = "two"})
  -- From a table too.
  local t = libmatch.from_table({
    communities = {{id = "C0", lat = 34, lon = 113}},
    volunteers = {{id = "V1", community = "C0", hours = 3}},
    needs = {{id = "N1", community = "C0", category = "x", priority = 5, max_volunteers = 1}},
    pairs = {{volunteer = "V1", need = "N1", hours = 2, value = 1.5}},
    policy = {eligibility = "pairs_only"},
  })
  assert(t:pair_count() == 1)
  assert(math.abs(t:solve().objective - 17.5) < 1e-9)
end)

test("json_encode", function()
  assert(libmatch.json_encode({a = {1, 2}, b = "x\"y", c = true, d = libmatch.null})
         == '{"a":[1,2],"b":"x\\"y","c":true,"d":null}')
  assert(libmatch.json_encode({policy = {}}) == '{"policy":{}}')
  raises("finite", libmatch.json_encode, {x = 0 / 0})
end)

test("export and timings", function()
  local m = libmatch.load(XINMI)
  local path = os.tmpname()
  m:export(path, "lp")
  local f = assert(io.open(path))
  local text = f:read("a")
  f:close()
  os.remove(path)
  assert(text:find("Maximize"))
  raises("format", function() m:export(path, "xml") end)
  raises("", function() m:export("/no-such-dir/x.mps") end)
  local plan = m:solve{}
  local sum = 0
  for _, k in ipairs({ "pairs", "build", "solve", "plan" }) do
    assert(plan.timings[k] >= 0)
    sum = sum + plan.timings[k]
  end
  assert(sum <= plan.solve_seconds + 1e-6)
end)

test("what-if: setters, warm start, diff, plan files", function()
  local base = libmatch.load(XINMI)
  local before = base:solve()
  local m = base:copy()
  libmatch.match_model_set_volunteer_hours(m._m, "V014", 8)
  libmatch.match_model_set_need_priority(m._m, "N16", 4)
  local cold = m:solve()
  local after = m:solve{warm_start = before}
  assert(after.status == "optimal")
  assert(math.abs(after.objective - cold.objective) < 1e-6)
  local d = before:diff(after)
  assert(d.objective.after == after.objective)
  assert(#d.moves > 0 and d.volunteers_moved > 0)
  assert(#d.by_priority == 5 and d.by_priority[1].key == "5")
  local moved = false
  for _, mv in ipairs(d.moves) do moved = moved or mv.volunteer == "V014" end
  assert(moved, "V014 gives fewer hours, so its hours moved")
  assert(before.needs[1].street ~= nil and before.needs[1].category ~= nil)
  local path = os.tmpname()
  before:to_json(path)
  local back = libmatch.read_plan(path)
  os.remove(path)
  assert(back:to_json() == before:to_json())
  assert(#before:diff(back).moves == 0)
  raises("refer to it", function() m:remove("unit", "U03") end)
  m:remove("need", "N16")
  assert(m:count("needs") == 15)
end)

test("lexicographic levels", function()
  local m = libmatch.Model()
  m:add_community("C0", {lat = 34, lon = 113})
  m:add_volunteer("V1", {community = "C0", hours = 10})
  m:add_need("U", {community = "C0", category = "x", priority = 5, hours = 10})
  for k = 1, 10 do
    m:add_need("S" .. k, {community = "C0", category = "x", priority = 4, hours = 1})
  end
  local weighted = m:solve()
  assert(weighted.objective_mode == "weighted" and weighted.levels == nil)
  assert(weighted:need("U").coverage == 0)
  m:set_policy("objective", "lexicographic")
  local plan = m:solve()
  assert(plan.objective_mode == "lexicographic" and #plan.levels == 6)
  assert(plan.levels[1].name == "priority 5" and plan.levels[1].value == 16)
  assert(plan.levels[1].bound == 16 and plan.levels[6].name == "costs")
  assert(plan:need("U").coverage == 1 and plan.bound == nil)
end)

test("re-planning against a plan in force", function()
  local m = libmatch.Model()
  m:add_community("C0", {lat = 34, lon = 113})
  m:add_volunteer("V1", {community = "C0", hours = 10})
  m:add_need("N1", {community = "C0", category = "x", priority = 1, hours = 10})
  local before = m:solve()
  assert(before.moved_hours == nil and before.volunteers[1].moved_hours == nil)
  m:add_need("U", {community = "C0", category = "x", priority = 5, hours = 3})
  m:set_policy("change_penalty", 0.5)
  m:set_previous_plan(before)
  local after = m:solve()
  assert(after.previous_hours == 10 and after.moved_hours == 3)
  assert(after.volunteers[1].moved_hours == 3)
  local path = os.tmpname()
  before:to_json(path)
  m:set_previous_plan(nil)
  assert(m:solve().moved_hours == nil)
  m:set_previous_plan(path)
  assert(m:solve().moved_hours == 3)
  os.remove(path)
  m:set_previous_hours("V1", "U", 3)
  m:set_previous_hours("V1", "N1", 7)
  assert(m:solve().moved_hours == 0)
  raises("whole number", m.set_previous_hours, m, "V1", "U", 1.5)
  raises("no volunteer", m.set_previous_hours, m, "V9", "U", 1)
  raises("cannot open", m.set_previous_plan, m, "/nonexistent/plan.json")
  raises("must be a plan", m.set_previous_plan, m, 3)
end)

test("evaluate and report", function()
  local m = small_model()
  local plan = m:solve{time_limit = 30, mip_gap = 0}
  local ev = m:evaluate(plan)
  assert(math.abs(ev.objective - plan.objective) <= 1e-9)
  local sum = 0
  for _, v in pairs(ev.terms) do sum = sum + v end
  assert(math.abs(sum - ev.objective) <= 1e-9)
  for _, v in ipairs(ev.violations) do assert(not v.hard or v.rule == "carried_out", v.text) end
  assert(ev.indicators.needs >= 1 and ev.json:find("libmatch-evaluation-1", 1, true))
  -- A hand-made plan: the first need's coverage raised to 1 with no hours.
  local t = plan:to_table()
  local n = t.needs[1]
  n.coverage, n.hours, n.volunteers, n.resources = 1, 0, {}, {}
  local path = os.tmpname()
  local f = assert(io.open(path, "w"))
  f:write(libmatch.json_encode(t))
  f:close()
  local bad = m:evaluate(libmatch.read_plan(path))
  os.remove(path)
  assert(not bad.valid)
  local found = false
  for _, v in ipairs(bad.violations) do
    if v.rule == "coverage_hours" and v.item == n.id then found = v.have == 1 and v.limit == 0 end
  end
  assert(found, "coverage_hours violation")
  local html = m:report(plan, {lang = "en"})
  assert(html:find('lang="en"', 1, true) and html:find("report-status", 1, true))
  raises("must be a", m.evaluate, m, nil)
end)

test("what-if setters, as in Python", function()
  local m = small_model()
  m:set_volunteer("V3", {hours = 20, add_skills = {"medical"}, max_distance_km = 9})
  m:set_volunteer("V3", {max_distance_km = libmatch.null, unit = "U01"})
  m:set_need("N2", {hours = 6, resources = {venue = 1}, required = true, add_slots = {"weekend"}})
  m:set_need("N2", {resources = {venue = libmatch.null}, remove_slots = {"weekend"}})
  m:set_max_volunteers("N2", 2)
  m:set_max_volunteers("N2", nil)
  m:set_community("C02", {name = "建设路", lat = 34.541, lon = 113.392})
  m:set_community("C02", {name = libmatch.null})
  m:set_unit("U01", {min_projects = 0})
  m:set_unit("U01", {min_projects = libmatch.null})
  m:set_resource("R1", {amount = 3, add_categories = {"culture"}})
  local err = raises("skills", m.set_volunteer, m, "V3", {remove_skills = {"cooking"}})
  assert(err.item == "V3" and err.field == "skills" and err.kind == "volunteer")
  assert(err.code == libmatch.c.MATCH_ENOTFOUND)
  raises("whole number", m.set_need, m, "N2", {priority = 2.5})
  raises("always has a location", m.set_community, m, "C02", {lat = libmatch.null,
                                                            lon = libmatch.null})
  m:fix("V3", "N2", 1)
  m:unfix("V3", "N2")
  raises("not fixed", m.unfix, m, "V3", "N2")
  m:forbid("V3", "N2")
  m:unforbid("V3", "N2")
  local plan = m:solve()
  assert(plan.status == "optimal")
  -- The scenario written and read back solves to the same plan.
  local text = m:to_json()
  assert(libmatch.from_json_string(text):to_json() == text)
  assert(libmatch.from_json_string(text):solve():to_json() == plan:to_json())
end)

test("errors carry the structured detail", function()
  local ok, err = pcall(libmatch.from_json_string, '{"format": "libmatch-scenario-1", ' ..
    '"communities": [{"id": "C1", "lat": 1, "lon": 2}], ' ..
    '"needs": [{"id": "N1", "community": "C9", "category": "x", "priority": 1}]}', "x.json")
  assert(not ok and type(err) == "table")
  assert(err.kind == "need" and err.item == "N1" and err.field == "community")
  assert(err.code == libmatch.c.MATCH_ENOTFOUND and tostring(err):find("x.json"))
  local m = libmatch.Model()
  m:add_community("C1", {lat = 1, lon = 2})
  ok, err = pcall(m.add_volunteer, m, "V1", {community = "C1", hours = 5, unit = "U9"})
  assert(not ok and err.item == "V1" and err.field == "unit")
  assert(#m:ids("volunteers") == 0)
  -- Counts and priorities are Lua integers.
  local x = libmatch.load(XINMI)
  local plan = x:solve()
  assert(math.type(x:count("needs")) == "integer")
  assert(math.type(libmatch.c.match_plan_need_priority(plan._p, 0)) == "integer")
  assert(math.type(plan.needs[1].priority) == "integer")
end)

print(("%d passed, %d failed, %d skipped"):format(passed, failed, skipped))
-- Close the state on exit, so that the garbage collector finalizes every object and a leak
-- shows under valgrind.
os.exit(failed == 0 and 0 or 1, true)
