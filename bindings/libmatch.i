/*
 * libmatch.i: the one SWIG interface behind the Python and the Lua bindings.
 *
 * It wraps the whole public C API (include/libmatch/*.h) and makes it read like the
 * target language:
 *   - out-parameters become return values: match_model_create() returns the model,
 *     match_model_get_policy() the value, match_plan_to_json() the string;
 *   - the int return codes disappear: a failing code raises an exception (Python) or an
 *     error (Lua) carrying the library's message (match_model_errmsg(),
 *     match_plan_errmsg() or the reader's error buffer);
 *   - models and plans are owned by the garbage collector, which frees them through
 *     match_model_destroy() and match_plan_destroy(); the destroy calls themselves are not
 *     exposed, so nothing can be freed twice;
 *   - match_model_solve() takes the options plus an optional interrupt callback and log
 *     callback in the target language. In Python, Ctrl-C stops a solve: the interrupt
 *     callback libmatch calls now and then runs PyErr_CheckSignals() with the GIL held.
 *
 * Python: the module is libmatch.libmatch_c (extension libmatch/_libmatch_c), the
 * low-level layer of the pure-Python package libmatch (bindings/python/libmatch).
 * Lua: the module is libmatch (luaopen_libmatch); the Lua layer in bindings/lua/libmatch.lua
 * is compiled into it and runs when the module is loaded.
 */

#if defined(SWIGLUA)
%module libmatch
#else
%module(package="libmatch",
        docstring="Low-level wrapper of the libmatch C API. Use the libmatch package instead.")
    libmatch_c
#endif

%{
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libmatch/libmatch.h>
%}

%include <exception.i>

#if defined(SWIGPYTHON)
%feature("autodoc", "2");
#endif

/* The export macro means nothing to SWIG. */
#define MATCH_API

/* ==== Opaque handles owned by the garbage collector ======================================== */

/* SWIG sees the handles as (empty) structs so that it can attach destructors; C keeps them
 * opaque: the wrapper only ever handles pointers. */
%nodefaultctor match_model;
%nodefaultctor match_plan;
%nodefaultctor match_diff;
struct match_model {};
struct match_plan {};
struct match_diff {};
%extend match_model {
    ~match_model() { match_model_destroy($self); }
}
%extend match_plan {
    ~match_plan() { match_plan_destroy($self); }
}
%extend match_diff {
    ~match_diff() { match_diff_destroy($self); }
}
%ignore match_model_destroy;
%ignore match_plan_destroy;
%ignore match_diff_destroy;
%ignore match_free;

/* A handle argument must be a live object, never None / nil. */
%typemap(check) match_model *, const match_model *, match_plan *, const match_plan *,
    const match_diff * {
    if ($1 == NULL) {
#if defined(SWIGLUA)
        lua_pushfstring(L, "%s: argument %d must be a libmatch object, got nil", "$symname",
                        $argnum);
        SWIG_fail;
#else
        SWIG_exception(SWIG_TypeError, "argument $argnum of $symname must be a libmatch "
                                       "object, got None");
#endif
    }
}

/* ==== Raising errors ===================================================================== */

#if defined(SWIGPYTHON)
%{
/* Raises the exception that fits a libmatch error code. The classes live in the pure-Python
 * package (libmatch.errors), which maps codes to classes; if it cannot be imported the
 * built-in exceptions are used. An exception already set (KeyboardInterrupt from
 * PyErr_CheckSignals(), or one raised by a callback) is kept. context is 1 when a scenario
 * was being read, so that file errors count as input errors. */
static void lm_raise(int code, const char *msg, int context)
{
    if (PyErr_Occurred())
        return;
    if (msg == NULL || msg[0] == '\0')
        msg = match_strerror(code);
    PyObject *text = PyUnicode_DecodeUTF8(msg, (Py_ssize_t)strlen(msg), "replace");
    PyObject *module = text ? PyImport_ImportModule("libmatch.errors") : NULL;
    PyObject *exc = NULL;
    if (module != NULL) {
        exc = PyObject_CallMethod(module, "_from_code", "iOi", code, text, context);
        Py_DECREF(module);
    }
    if (exc != NULL) {
        PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
        Py_DECREF(exc);
    } else {
        PyErr_Clear();
        PyObject *type = code == MATCH_EINTERRUPTED ? PyExc_KeyboardInterrupt
                         : code == MATCH_ENOMEM     ? PyExc_MemoryError
                                                    : PyExc_RuntimeError;
        PyErr_SetString(type, msg);
    }
    Py_XDECREF(text);
}
%}
#define LM_VOID_RESULT $result = SWIG_Py_Void();
#define LM_RAISE(code, msg, context) lm_raise(code, msg, context)
#elif defined(SWIGLUA)
%{
/* Pushes the error message (the library's, or the code's description) for lua_error(). */
static void lm_lua_push_error(lua_State *L, int code, const char *msg)
{
    if (msg == NULL || msg[0] == '\0')
        msg = match_strerror(code);
    lua_pushstring(L, msg);
}
%}
#define LM_VOID_RESULT
#define LM_RAISE(code, msg, context) lm_lua_push_error(L, code, msg)
#endif

/* Return-code typemaps: the code is checked, then dropped from the results. Each applies to
 * the functions whose message lives where its name says. */
%typemap(out) int LM_RC_MODEL1 {
    if ($1 < 0) { LM_RAISE($1, match_model_errmsg(arg1), 0); SWIG_fail; }
    LM_VOID_RESULT
}
%typemap(out) int LM_RC_MODEL2 {
    if ($1 < 0) { LM_RAISE($1, match_model_errmsg(arg2), 0); SWIG_fail; }
    LM_VOID_RESULT
}
%typemap(out) int LM_RC_PLAN1 {
    if ($1 < 0) { LM_RAISE($1, match_plan_errmsg(arg1), 0); SWIG_fail; }
    LM_VOID_RESULT
}
%typemap(out) int LM_RC_PLAN2 {
    if ($1 < 0) { LM_RAISE($1, match_plan_errmsg(arg2), 0); SWIG_fail; }
    LM_VOID_RESULT
}
%typemap(out) int LM_RC_PLAIN {
    if ($1 < 0) { LM_RAISE($1, NULL, 0); SWIG_fail; }
    LM_VOID_RESULT
}
%typemap(out) int LM_RC_READ3 {
    if ($1 < 0) { LM_RAISE($1, arg3, 1); SWIG_fail; }
    LM_VOID_RESULT
}
%typemap(out) int LM_RC_READ4 {
    if ($1 < 0) { LM_RAISE($1, arg4, 1); SWIG_fail; }
    LM_VOID_RESULT
}

%apply int LM_RC_PLAIN {
    int match_model_create,
    int match_options_init,
    int match_plan_diff,
    int match_diff_to_json
};
%apply int LM_RC_MODEL2 { int match_model_copy };
%apply int LM_RC_READ3 { int match_model_read_json, int match_plan_read_json,
                         int match_model_read_previous_plan };
%apply int LM_RC_READ4 { int match_model_read_json_string, int match_plan_read_json_string,
                         int match_model_read_previous_plan_string };
%apply int LM_RC_PLAN1 { int match_plan_write_json };
%apply int LM_RC_PLAN2 { int match_plan_to_json };
%apply int LM_RC_MODEL1 {
    int match_model_set_name,
    int match_model_set_policy,
    int match_model_get_policy,
    int match_model_get_priority_weight,
    int match_model_set_policy_option,
    int match_model_get_policy_option,
    int match_model_set_priority_weights,
    int match_model_add_community,
    int match_model_add_unit,
    int match_model_set_unit_min_projects,
    int match_model_add_volunteer,
    int match_model_set_volunteer_unit,
    int match_model_set_volunteer_location,
    int match_model_set_volunteer_min_hours,
    int match_model_set_volunteer_max_distance,
    int match_model_add_volunteer_skill,
    int match_model_add_volunteer_slot,
    int match_model_add_resource,
    int match_model_set_resource_location,
    int match_model_add_resource_category,
    int match_model_add_need,
    int match_model_set_need_hours,
    int match_model_set_need_min_volunteers,
    int match_model_add_need_resource,
    int match_model_add_need_skill,
    int match_model_add_need_slot,
    int match_model_set_need_all_or_nothing,
    int match_model_set_need_required,
    int match_model_fix_pair,
    int match_model_forbid_pair,
    int match_model_export,
    int match_model_add_pair,
    int match_model_set_need_max_volunteers,
    /* edit.h */
    int match_model_set_community_location,
    int match_model_set_community_name,
    int match_model_set_community_street,
    int match_model_set_unit_name,
    int match_model_set_unit_community,
    int match_model_clear_unit_min_projects,
    int match_model_set_volunteer_hours,
    int match_model_set_volunteer_community,
    int match_model_clear_volunteer_unit,
    int match_model_clear_volunteer_location,
    int match_model_clear_volunteer_min_hours,
    int match_model_clear_volunteer_max_distance,
    int match_model_remove_volunteer_skill,
    int match_model_remove_volunteer_slot,
    int match_model_set_resource_amount,
    int match_model_set_resource_type,
    int match_model_set_resource_unit,
    int match_model_clear_resource_location,
    int match_model_remove_resource_category,
    int match_model_set_need_priority,
    int match_model_set_need_category,
    int match_model_set_need_community,
    int match_model_clear_need_min_volunteers,
    int match_model_set_need_resource,
    int match_model_remove_need_resource,
    int match_model_remove_need_skill,
    int match_model_remove_need_slot,
    int match_model_unfix_pair,
    int match_model_unforbid_pair,
    int match_model_remove,
    int match_model_set_previous_plan,
    int match_model_set_previous_hours,
    int match_model_clear_previous_plan
};

/* A lookup whose "not found" is an answer, not an error; the bindings keep their own view of
 * the listed pairs instead (match_model_pair_count() is wrapped). */
%ignore match_model_get_pair;

/* ==== Out-parameters become return values ================================================= */

%typemap(in, numinputs=0) match_model **out (match_model *tmp = NULL) {
    $1 = &tmp;
}
%typemap(argout) match_model **out {
#if defined(SWIGPYTHON)
    $result = SWIG_Python_AppendOutput($result,
                                       SWIG_NewPointerObj(tmp$argnum, $descriptor(match_model *),
                                                          SWIG_POINTER_OWN));
#else
    SWIG_NewPointerObj(L, tmp$argnum, $descriptor(match_model *), 1);
    SWIG_arg++;
#endif
    tmp$argnum = NULL; /* now owned by the garbage collector */
}
%typemap(freearg) match_model **out {
    match_model_destroy(tmp$argnum);
}

/* Plans read from files and diffs: new objects owned by the garbage collector. */
%define LM_NEW_HANDLE_OUT(TYPE, DESTROY)
%typemap(in, numinputs=0) TYPE **out (TYPE *tmp = NULL) {
    $1 = &tmp;
}
%typemap(argout) TYPE **out {
#if defined(SWIGPYTHON)
    $result = SWIG_Python_AppendOutput($result,
                                       SWIG_NewPointerObj(tmp$argnum, $descriptor(TYPE *),
                                                          SWIG_POINTER_OWN));
#else
    SWIG_NewPointerObj(L, tmp$argnum, $descriptor(TYPE *), 1);
    SWIG_arg++;
#endif
    tmp$argnum = NULL;
}
%typemap(freearg) TYPE **out {
    DESTROY(tmp$argnum);
}
%enddef
LM_NEW_HANDLE_OUT(match_plan, match_plan_destroy)
LM_NEW_HANDLE_OUT(match_diff, match_diff_destroy)

%typemap(in, numinputs=0) char **out (char *tmp = NULL) {
    $1 = &tmp;
}
%typemap(argout) char **out {
#if defined(SWIGPYTHON)
    $result = SWIG_Python_AppendOutput($result, SWIG_FromCharPtr(tmp$argnum));
#else
    lua_pushstring(L, tmp$argnum);
    SWIG_arg++;
#endif
}
%typemap(freearg) char **out {
    match_free(tmp$argnum);
}

/* A static string the library owns (policy option words): copied, never freed. */
%typemap(in, numinputs=0) const char **word (const char *tmp = NULL) {
    $1 = ($1_ltype)&tmp; /* SWIG declares the argument without its const */
}
%typemap(argout) const char **word {
#if defined(SWIGPYTHON)
    $result = SWIG_Python_AppendOutput($result, SWIG_FromCharPtr(tmp$argnum));
#else
    lua_pushstring(L, tmp$argnum);
    SWIG_arg++;
#endif
}

%typemap(in, numinputs=0) double *out (double tmp = 0.0) {
    $1 = &tmp;
}
%typemap(argout) double *out {
#if defined(SWIGPYTHON)
    $result = SWIG_Python_AppendOutput($result, PyFloat_FromDouble(tmp$argnum));
#else
    lua_pushnumber(L, tmp$argnum);
    SWIG_arg++;
#endif
}

/* The reader's error buffer is hidden; its text becomes the exception's message. */
%typemap(in, numinputs=0) (char *errbuf, size_t errbuf_size) (char buf[2048]) {
    buf[0] = '\0';
    $1 = buf;
    $2 = sizeof buf;
}

/* Priority weights: a list (Python) or array table (Lua) of numbers. */
#if defined(SWIGPYTHON)
%typemap(in) (const double *weights, size_t count) {
    PyObject *seq = PySequence_Fast($input, "priority weights must be a sequence of numbers");
    if (seq == NULL)
        SWIG_fail;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    $1 = (double *)malloc(sizeof(double) * (size_t)(n + 1));
    $2 = (size_t)n;
    if ($1 == NULL) {
        Py_DECREF(seq);
        PyErr_NoMemory();
        SWIG_fail;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(seq, i);
        if (!PyNumber_Check(item) || PyBool_Check(item)) {
            Py_DECREF(seq);
            PyErr_SetString(PyExc_TypeError, "priority weights must be numbers");
            SWIG_fail;
        }
        $1[i] = PyFloat_AsDouble(item);
        if (PyErr_Occurred()) {
            Py_DECREF(seq);
            SWIG_fail;
        }
    }
    Py_DECREF(seq);
}
%typemap(typecheck) (const double *weights, size_t count) {
    $1 = PySequence_Check($input) ? 1 : 0;
}
#elif defined(SWIGLUA)
%typemap(in, checkfn="lua_istable") (const double *weights, size_t count) {
    size_t n = (size_t)lua_rawlen(L, $input);
    $1 = (double *)malloc(sizeof(double) * (n + 1));
    $2 = n;
    if ($1 == NULL) {
        lua_pushstring(L, "out of memory");
        SWIG_fail;
    }
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, $input, (lua_Integer)(i + 1));
        int isnum = 0;
        $1[i] = (double)lua_tonumberx(L, -1, &isnum);
        lua_pop(L, 1);
        if (!isnum) {
            free($1);
            $1 = NULL;
            lua_pushstring(L, "priority weights must be numbers");
            SWIG_fail;
        }
    }
}
#endif
%typemap(freearg) (const double *weights, size_t count) {
    free($1);
}

/* ==== Options ============================================================================ */

/* The callbacks are installed by the binding's solve (below), not set field by field. */
%ignore match_options::log;
%ignore match_options::log_payload;
%ignore match_options::interrupt;
%ignore match_options::interrupt_payload;
%extend match_options {
    /* A new options struct holds the defaults of match_options_init(). */
    match_options()
    {
        match_options *o = (match_options *)calloc(1, sizeof *o);
        if (o != NULL)
            match_options_init(o, MATCH_OPTIONS_VERSION);
        return o;
    }
    ~match_options() { free($self); }
}

/* ==== Solving with callbacks in the target language ======================================= */

/* The C declaration is replaced by the binding's own match_model_solve below. */
%ignore match_model_solve(match_plan **out, match_model *model, const match_options *options);

#if defined(SWIGPYTHON)
%{
/* What the C callbacks of one Python solve share. */
typedef struct lm_py_solve {
    PyObject *interrupt; /* callable or NULL */
    PyObject *log;       /* callable or NULL */
    int failed;          /* a Python exception is pending: stop and re-raise it */
} lm_py_solve;

/* match_options.interrupt: runs with the GIL released around it, so it takes the GIL,
 * lets Python handle pending signals (Ctrl-C raises KeyboardInterrupt here), then asks
 * the user's callable, if any. */
static int lm_py_interrupt(void *payload)
{
    lm_py_solve *s = (lm_py_solve *)payload;
    PyGILState_STATE gil = PyGILState_Ensure();
    int stop = s->failed;
    if (!stop && PyErr_CheckSignals() < 0)
        stop = s->failed = 1;
    if (!stop && s->interrupt != NULL) {
        PyObject *r = PyObject_CallObject(s->interrupt, NULL);
        int truth = r != NULL ? PyObject_IsTrue(r) : -1;
        Py_XDECREF(r);
        if (truth < 0)
            stop = s->failed = 1;
        else if (truth > 0)
            stop = 1;
        if (!stop && PyErr_CheckSignals() < 0)
            stop = s->failed = 1;
    }
    PyGILState_Release(gil);
    return stop;
}

/* match_options.log: passes (level, message) to the Python callable. */
static void lm_py_log(match_log_level level, const char *message, void *payload)
{
    lm_py_solve *s = (lm_py_solve *)payload;
    PyGILState_STATE gil = PyGILState_Ensure();
    if (!s->failed && s->log != NULL) {
        PyObject *text = PyUnicode_DecodeUTF8(message, (Py_ssize_t)strlen(message), "replace");
        PyObject *r = text ? PyObject_CallFunction(s->log, "iO", (int)level, text) : NULL;
        if (r == NULL)
            s->failed = 1;
        Py_XDECREF(r);
        Py_XDECREF(text);
    }
    PyGILState_Release(gil);
}

/* Solves without holding the GIL. Returns NULL with an exception set on failure. */
static match_plan *lm_py_solve_model(match_model *model, const match_options *options,
                                     PyObject *interrupt, PyObject *log)
{
    match_options o;
    if (options != NULL)
        o = *options;
    else
        match_options_init(&o, MATCH_OPTIONS_VERSION);
    lm_py_solve s = {NULL, NULL, 0};
    if (interrupt != NULL && interrupt != Py_None) {
        if (!PyCallable_Check(interrupt)) {
            PyErr_SetString(PyExc_TypeError, "interrupt must be callable or None");
            return NULL;
        }
        s.interrupt = interrupt;
    }
    if (log != NULL && log != Py_None) {
        if (!PyCallable_Check(log)) {
            PyErr_SetString(PyExc_TypeError, "log must be callable or None");
            return NULL;
        }
        s.log = log;
        o.log = lm_py_log;
        o.log_payload = &s;
    } else {
        o.log = NULL;
        o.log_payload = NULL;
    }
    o.interrupt = lm_py_interrupt;
    o.interrupt_payload = &s;

    match_plan *plan = NULL;
    int rc;
    Py_BEGIN_ALLOW_THREADS
    rc = match_model_solve(&plan, model, &o);
    Py_END_ALLOW_THREADS
    if (rc != MATCH_OK || PyErr_Occurred()) {
        match_plan_destroy(plan);
        lm_raise(rc != MATCH_OK ? rc : MATCH_EINTERRUPTED, match_model_errmsg(model), 0);
        return NULL;
    }
    return plan;
}
%}

%exception lm_py_solve_model {
    $action
    if (result == NULL)
        SWIG_fail;
}
%newobject lm_py_solve_model;
%rename(match_model_solve) lm_py_solve_model;
%feature("docstring") lm_py_solve_model
"match_model_solve(model, options=None, interrupt=None, log=None) -> match_plan

Solves the model. options: a match_options or None for the defaults. interrupt: a callable
asked now and then during the solve; a true result stops it (KeyboardInterrupt). log: a
callable receiving (level, message). Ctrl-C also stops the solve with KeyboardInterrupt.";
match_plan *lm_py_solve_model(match_model *model, const match_options *options = NULL,
                              PyObject *interrupt = NULL, PyObject *log = NULL);

#elif defined(SWIGLUA)
%{
/* What the C callbacks of one Lua solve share. Functions are kept at fixed stack slots. */
typedef struct lm_lua_solve {
    lua_State *L;
    int interrupt; /* stack index of the interrupt function, or 0 */
    int log;       /* stack index of the log function, or 0 */
    int error;     /* registry ref of an error raised by a callback, or LUA_NOREF */
} lm_lua_solve;

static int lm_lua_interrupt(void *payload)
{
    lm_lua_solve *s = (lm_lua_solve *)payload;
    if (s->error != LUA_NOREF)
        return 1;
    if (s->interrupt == 0)
        return 0;
    lua_pushvalue(s->L, s->interrupt);
    if (lua_pcall(s->L, 0, 1, 0) != LUA_OK) {
        s->error = luaL_ref(s->L, LUA_REGISTRYINDEX);
        return 1;
    }
    int stop = lua_toboolean(s->L, -1);
    lua_pop(s->L, 1);
    return stop;
}

static void lm_lua_log(match_log_level level, const char *message, void *payload)
{
    lm_lua_solve *s = (lm_lua_solve *)payload;
    if (s->error != LUA_NOREF || s->log == 0)
        return;
    lua_pushvalue(s->L, s->log);
    lua_pushinteger(s->L, (lua_Integer)level);
    lua_pushstring(s->L, message);
    if (lua_pcall(s->L, 2, 0, 0) != LUA_OK)
        s->error = luaL_ref(s->L, LUA_REGISTRYINDEX);
}

/* Reads an optional number field of the options table at index t. */
static int lm_lua_opt_number(lua_State *L, int t, const char *field, double *value)
{
    int ok = 1;
    if (lua_getfield(L, t, field) != LUA_TNIL) {
        int isnum = 0;
        *value = (double)lua_tonumberx(L, -1, &isnum);
        ok = isnum;
    }
    lua_pop(L, 1);
    return ok;
}

/* match_model_solve(model [, options]) -> plan. options is a table with any of time_limit,
 * mip_gap (numbers), solver, log_level (integers), interrupt (function returning true to
 * stop), log (function receiving level, message) and warm_start (a plan). */
static int lm_lua_solve_model(lua_State *L)
{
    match_model *model = NULL;
    if (!SWIG_IsOK(SWIG_ConvertPtr(L, 1, (void **)&model, SWIGTYPE_p_match_model, 0)) ||
        model == NULL)
        return luaL_error(L, "match_model_solve: argument 1 must be a model");
    lua_settop(L, 2);
    match_options o;
    match_options_init(&o, MATCH_OPTIONS_VERSION);
    lm_lua_solve s = {L, 0, 0, LUA_NOREF};
    if (!lua_isnil(L, 2)) {
        if (!lua_istable(L, 2))
            return luaL_error(L, "match_model_solve: options must be a table");
        double solver = o.solver, level = o.log_level;
        if (!lm_lua_opt_number(L, 2, "time_limit", &o.time_limit) ||
            !lm_lua_opt_number(L, 2, "mip_gap", &o.mip_gap) ||
            !lm_lua_opt_number(L, 2, "solver", &solver) ||
            !lm_lua_opt_number(L, 2, "log_level", &level))
            return luaL_error(L, "match_model_solve: time_limit, mip_gap, solver and "
                                 "log_level must be numbers");
        o.solver = (match_solver)(int)solver;
        o.log_level = (match_log_level)(int)level;
        int type = lua_getfield(L, 2, "interrupt"); /* stack slot 3 */
        if (type != LUA_TNIL && type != LUA_TFUNCTION)
            return luaL_error(L, "match_model_solve: interrupt must be a function");
        if (type == LUA_TFUNCTION)
            s.interrupt = 3;
        type = lua_getfield(L, 2, "log"); /* stack slot 4 */
        if (type != LUA_TNIL && type != LUA_TFUNCTION)
            return luaL_error(L, "match_model_solve: log must be a function");
        if (type == LUA_TFUNCTION) {
            s.log = 4;
            o.log = lm_lua_log;
            o.log_payload = &s;
        }
        if (lua_getfield(L, 2, "warm_start") != LUA_TNIL) { /* stack slot 5 */
            match_plan *warm = NULL;
            if (!SWIG_IsOK(SWIG_ConvertPtr(L, 5, (void **)&warm, SWIGTYPE_p_match_plan, 0)) ||
                warm == NULL)
                return luaL_error(L, "match_model_solve: warm_start must be a plan");
            o.warm_start = warm;
        }
    }
    o.interrupt = lm_lua_interrupt;
    o.interrupt_payload = &s;

    match_plan *plan = NULL;
    int rc = match_model_solve(&plan, model, &o);
    if (s.error != LUA_NOREF) {
        match_plan_destroy(plan);
        lua_rawgeti(L, LUA_REGISTRYINDEX, s.error);
        luaL_unref(L, LUA_REGISTRYINDEX, s.error);
        return lua_error(L);
    }
    if (rc != MATCH_OK) {
        match_plan_destroy(plan);
        lm_lua_push_error(L, rc, match_model_errmsg(model));
        return lua_error(L);
    }
    SWIG_NewPointerObj(L, plan, SWIGTYPE_p_match_plan, 1);
    return 1;
}
%}
%native(match_model_solve) int lm_lua_solve_model(lua_State *L);
#endif

/* ==== The C API ========================================================================== */

%include "libmatch/common.h"
%include "libmatch/version.h"
%include "libmatch/model.h"
%include "libmatch/edit.h"
%include "libmatch/plan.h"
%include "libmatch/diff.h"
%include "libmatch/solve.h"
%include "libmatch/io.h"
%include "libmatch/export.h"

/* ==== Spreadsheets (libmatch/sheets.h), through two plain calls =========================== */

%{
#include "libmatch/sheets.h"

/* A scenario workbook or CSV folder as its scenario document (JSON text). */
static int lm_sheets_json(char **out, const char *path, const char *encoding, char *errbuf,
                          size_t errbuf_size)
{
    match_sheet_options o;
    match_sheet_options_init(&o, MATCH_SHEET_OPTIONS_VERSION);
    o.encoding = encoding;
    return match_sheets_to_json(out, NULL, path, &o, errbuf, errbuf_size);
}

/* The project list of a plan as a workbook, a CSV file or a CSV folder. */
static int lm_plan_sheets(match_plan *plan, match_model *model, const char *path,
                          const char *lang, char *errbuf, size_t errbuf_size)
{
    match_sheet_options o;
    match_sheet_options_init(&o, MATCH_SHEET_OPTIONS_VERSION);
    o.lang = lang;
    return match_plan_write_sheets(plan, model, path, &o, errbuf, errbuf_size);
}
%}
%typemap(out) int LM_RC_READ5 {
    if ($1 < 0) { LM_RAISE($1, arg5, 1); SWIG_fail; }
    LM_VOID_RESULT
}
%apply int LM_RC_READ4 { int lm_sheets_json };
%apply int LM_RC_READ5 { int lm_plan_sheets };
int lm_sheets_json(char **out, const char *path, const char *encoding, char *errbuf,
                   size_t errbuf_size);
int lm_plan_sheets(match_plan *plan, match_model *model, const char *path, const char *lang,
                   char *errbuf, size_t errbuf_size);

/* ==== Explaining plans: reasons and bottlenecks ============================================ */

%nodefaultctor match_bottlenecks;
struct match_bottlenecks {};
%extend match_bottlenecks {
    ~match_bottlenecks() { match_bottlenecks_destroy($self); }
}
%ignore match_bottlenecks_destroy;
%typemap(check) match_bottlenecks *, const match_bottlenecks * {
    if ($1 == NULL) {
#if defined(SWIGLUA)
        lua_pushfstring(L, "%s: argument %d must be a libmatch object, got nil", "$symname",
                        $argnum);
        SWIG_fail;
#else
        SWIG_exception(SWIG_TypeError, "argument $argnum of $symname must be a libmatch "
                                       "object, got None");
#endif
    }
}
%typemap(in, numinputs=0) match_bottlenecks **out (match_bottlenecks *tmp = NULL) {
    $1 = &tmp;
}
%typemap(argout) match_bottlenecks **out {
#if defined(SWIGPYTHON)
    $result = SWIG_Python_AppendOutput($result,
                                       SWIG_NewPointerObj(tmp$argnum,
                                                          $descriptor(match_bottlenecks *),
                                                          SWIG_POINTER_OWN));
#else
    SWIG_NewPointerObj(L, tmp$argnum, $descriptor(match_bottlenecks *), 1);
    SWIG_arg++;
#endif
    tmp$argnum = NULL; /* now owned by the garbage collector */
}
%typemap(freearg) match_bottlenecks **out {
    match_bottlenecks_destroy(tmp$argnum);
}
%apply int LM_RC_MODEL2 { int match_model_bottlenecks };
%include "libmatch/explain.h"

/* ==== The Lua layer ====================================================================== */

#if defined(SWIGLUA)
%{
#include "libmatch_lua_layer.h" /* lm_lua_layer: bindings/lua/libmatch.lua as a string */
%}
%init %{
    /* The module table is on top of the stack: run the Lua layer with it as argument. */
    if (luaL_loadbufferx(L, lm_lua_layer, sizeof lm_lua_layer - 1, "=libmatch.lua", "t") !=
        LUA_OK)
        lua_error(L);
    lua_pushvalue(L, -2);
    lua_call(L, 1, 0);
%}
#endif
