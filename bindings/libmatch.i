/*
 * libmatch.i: the one SWIG interface behind the Python and the Lua bindings.
 *
 * It wraps the whole public C API (include/libmatch/*.h) and makes it read like the
 * target language:
 *   - out-parameters become return values: match_model_create() returns the model,
 *     match_model_get_policy() the value, match_plan_to_json() the string;
 *   - the int return codes disappear: a failing code raises an exception (Python) or an
 *     error (Lua, a table with message, code, kind, item, need and field) carrying the
 *     library's structured error (match_model_error(), match_plan_error() or the reader's
 *     match_error_detail); which calls raise is derived from their int return type;
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
%nodefaultctor match_evaluation;
struct match_model {};
struct match_plan {};
struct match_diff {};
struct match_evaluation {};
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
%extend match_evaluation {
    ~match_evaluation() { match_evaluation_destroy($self); }
}
%ignore match_evaluation_destroy;
%ignore match_free;

/* A handle argument must be a live object, never None / nil. */
%typemap(check) match_model *, const match_model *, match_plan *, const match_plan *,
    const match_diff *, const match_evaluation * {
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

/* match_error_detail is read by the raising code below, never handed to the languages. */
%ignore match_error_detail;
%ignore match_model_error;
%ignore match_plan_error;

#if defined(SWIGPYTHON)
%{
/* Raises the exception that fits a libmatch error. The classes live in the pure-Python
 * package (libmatch.errors), which maps codes to classes and takes the item and field from
 * the structured detail; if it cannot be imported the built-in exceptions are used. An
 * exception already set (KeyboardInterrupt from PyErr_CheckSignals(), or one raised by a
 * callback) is kept. detail may be NULL (then msg, or the code's description, is the
 * message). reading is 1 when a file was being read, so that file errors count as input
 * errors. */
static void lm_raise(int code, const match_error_detail *detail, const char *msg, int reading)
{
    if (PyErr_Occurred())
        return;
    if (detail != NULL)
        msg = detail->message;
    if (msg == NULL || msg[0] == '\0')
        msg = match_strerror(code);
    const char *kind = detail != NULL ? match_item_kind_name(detail->kind) : "";
    PyObject *module = PyImport_ImportModule("libmatch.errors");
    PyObject *exc = NULL;
    if (module != NULL) {
        exc = PyObject_CallMethod(module, "_from_detail", "isssssi", code, msg, kind,
                                  detail != NULL ? detail->item : "",
                                  detail != NULL ? detail->need : "",
                                  detail != NULL ? detail->field : "", reading);
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
}
%}
#define LM_VOID_RESULT $result = SWIG_Py_Void();
#define LM_RAISE(code, detail, msg, reading) lm_raise(code, detail, msg, reading)
/* Leaves a wrapper whose arguments are already freed. */
#define LM_RETURN_RAISED Py_XDECREF($result); return NULL;
#elif defined(SWIGLUA)
%{
static int lm_lua_error_tostring(lua_State *L)
{
    lua_getfield(L, 1, "message");
    if (!lua_isstring(L, -1)) {
        lua_pop(L, 1);
        lua_pushstring(L, "libmatch error");
    }
    return 1;
}

/* Pushes the error value for lua_error(): a table {message, code, kind, item, need, field}
 * (the last four only when the detail names them) whose tostring() is the message. detail
 * may be NULL (then msg, or the code's description, is the message). */
static void lm_lua_push_error(lua_State *L, int code, const match_error_detail *detail,
                              const char *msg)
{
    if (detail != NULL)
        msg = detail->message;
    if (msg == NULL || msg[0] == '\0')
        msg = match_strerror(code);
    lua_createtable(L, 0, 6);
    lua_pushstring(L, msg);
    lua_setfield(L, -2, "message");
    lua_pushinteger(L, code);
    lua_setfield(L, -2, "code");
    if (detail != NULL) {
        const char *kind = match_item_kind_name(detail->kind);
        const char *names[] = {"kind", "item", "need", "field"};
        const char *values[] = {kind, detail->item, detail->need, detail->field};
        for (int k = 0; k < 4; ++k)
            if (values[k][0] != '\0') {
                lua_pushstring(L, values[k]);
                lua_setfield(L, -2, names[k]);
            }
    }
    if (luaL_newmetatable(L, "libmatch.error")) {
        lua_pushcfunction(L, lm_lua_error_tostring);
        lua_setfield(L, -2, "__tostring");
    }
    lua_setmetatable(L, -2);
}
%}
#define LM_VOID_RESULT
#define LM_RAISE(code, detail, msg, reading) ((void)(reading), lm_lua_push_error(L, code, detail, msg))
#define LM_RETURN_RAISED lua_error(L); return 0;
#endif

/*
 * Which calls raise is derived, not listed: every function returning int returns a call
 * status (MATCH_OK or a negative code), except the few below whose int is a value. The
 * status typemap records a failing code in the wrapper's local lm_failed (a file-level
 * constant 0 stands in for it in every other wrapper); the error is then raised from
 * where the call keeps its detail:
 *   - the first model or plan argument (non-const: calls on a const object keep no
 *     detail), by the argout typemaps of match_model * and match_plan *;
 *   - a reader's match_error_detail or error buffer, by their argout typemaps;
 *   - otherwise the code alone, by the ret typemap, after the arguments are freed.
 * tests/python/test_binding_coverage.py checks the generated wrappers against the headers.
 */
%{
static const int lm_failed = 0;  /* shadowed in wrappers of calls that return a status */
static const int lm_reading = 0; /* shadowed in wrappers of calls that read a file */
%}
%typemap(out) int LM_VALUE = int;
%typemap(out) int (int lm_failed = 0) {
    lm_failed = $1 < 0 ? $1 : 0;
    LM_VOID_RESULT
}
%typemap(out) int LM_READING (int lm_failed = 0, int lm_reading = 1) {
    lm_failed = $1 < 0 ? $1 : 0;
    LM_VOID_RESULT
}
%typemap(ret) int {
    if (lm_failed) {
        LM_RAISE(lm_failed, NULL, NULL, lm_reading);
        LM_RETURN_RAISED
    }
}
%typemap(argout) match_model * {
    if (lm_failed) {
        LM_RAISE(lm_failed, match_model_error($1), NULL, lm_reading);
        SWIG_fail;
    }
}
%typemap(argout) match_plan * {
    if (lm_failed) {
        LM_RAISE(lm_failed, match_plan_error($1), NULL, lm_reading);
        SWIG_fail;
    }
}

#if defined(SWIGLUA)
/* Whole numbers come out as Lua integers (SWIG's default pushes them as floats). */
%typemap(out) int LM_VALUE, size_t, unsigned int, long {
    lua_pushinteger(L, (lua_Integer)$1);
    SWIG_arg++;
}
#endif

/* The calls whose int is a value, not a status. */
%apply int LM_VALUE {
    int match_version_number,
    int match_model_has_previous_plan,
    int match_plan_need_priority,
    int match_plan_unit_projects,
    int match_plan_unit_shortfall,
    int match_plan_has_previous,
    int match_diff_need_priority,
    int match_bottlenecks_exact
};

/* Reading a plan in force into a model: a file that cannot be read is bad input. */
%apply int LM_READING { int match_model_load_previous_plan,
                        int match_model_load_previous_plan_string };

/* Deprecated forms that report through two channels; the bindings use the load calls. */
%ignore match_model_read_previous_plan;
%ignore match_model_read_previous_plan_string;

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
LM_NEW_HANDLE_OUT(match_evaluation, match_evaluation_destroy)

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
%typemap(argout) (char *errbuf, size_t errbuf_size) {
    if (lm_failed) {
        LM_RAISE(lm_failed, NULL, $1, 1);
        SWIG_fail;
    }
}

/* A reader's structured error is hidden; it becomes the exception's fields. */
%typemap(in, numinputs=0) match_error_detail *detail (match_error_detail tmp) {
    tmp.code = MATCH_OK;
    $1 = &tmp;
}
%typemap(argout) match_error_detail *detail {
    if (lm_failed) {
        LM_RAISE(lm_failed, $1, NULL, 1);
        SWIG_fail;
    }
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
%ignore match_options::progress;
%ignore match_options::progress_payload;
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
    PyObject *progress;  /* callable or NULL */
    int failed;          /* a Python exception is pending: stop and re-raise it */
    /* Ctrl-C arrived: its KeyboardInterrupt, held until the solve returns its plan */
    PyObject *signal_type, *signal_value, *signal_tb;
} lm_py_solve;

/* A signal handler raised (KeyboardInterrupt from Ctrl-C): keep the exception for after the
 * solve, which then returns its best plan so far on it. */
static int lm_py_signal(lm_py_solve *s)
{
    if (PyErr_CheckSignals() >= 0)
        return 0;
    if (s->signal_type == NULL && PyErr_ExceptionMatches(PyExc_KeyboardInterrupt)) {
        PyErr_Fetch(&s->signal_type, &s->signal_value, &s->signal_tb);
        return 1;
    }
    s->failed = 1;
    return 1;
}

/* match_options.interrupt: runs with the GIL released around it, so it takes the GIL,
 * lets Python handle pending signals (Ctrl-C raises KeyboardInterrupt here), then asks
 * the user's callable, if any. */
static int lm_py_interrupt(void *payload)
{
    lm_py_solve *s = (lm_py_solve *)payload;
    PyGILState_STATE gil = PyGILState_Ensure();
    int stop = s->failed || s->signal_type != NULL;
    if (!stop)
        stop = lm_py_signal(s);
    if (!stop && s->interrupt != NULL) {
        PyObject *r = PyObject_CallObject(s->interrupt, NULL);
        int truth = r != NULL ? PyObject_IsTrue(r) : -1;
        Py_XDECREF(r);
        if (truth < 0 && PyErr_ExceptionMatches(PyExc_KeyboardInterrupt) &&
            s->signal_type == NULL) { /* Ctrl-C while the callable ran */
            PyErr_Fetch(&s->signal_type, &s->signal_value, &s->signal_tb);
            stop = 1;
        } else if (truth < 0)
            stop = s->failed = 1;
        else if (truth > 0)
            stop = 1;
        if (!stop)
            stop = lm_py_signal(s);
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

/* match_options.progress: passes (phase, elapsed, incumbent, bound, gap) to the callable,
 * NaN for what is not known. */
static void lm_py_progress(const match_progress *p, void *payload)
{
    lm_py_solve *s = (lm_py_solve *)payload;
    PyGILState_STATE gil = PyGILState_Ensure();
    if (!s->failed && s->progress != NULL) {
        PyObject *r = PyObject_CallFunction(s->progress, "sdddd", p->phase, p->elapsed,
                                            p->incumbent, p->bound, p->gap);
        if (r == NULL) {
            if (PyErr_ExceptionMatches(PyExc_KeyboardInterrupt) && s->signal_type == NULL)
                PyErr_Fetch(&s->signal_type, &s->signal_value, &s->signal_tb);
            else
                s->failed = 1;
        }
        Py_XDECREF(r);
    }
    PyGILState_Release(gil);
}

/* Solves without holding the GIL. Returns NULL with an exception set on failure. After
 * Ctrl-C the exception is KeyboardInterrupt with the plan so far as its `plan` attribute. */
static match_plan *lm_py_solve_model(match_model *model, const match_options *options,
                                     PyObject *interrupt, PyObject *log, PyObject *progress)
{
    match_options o;
    if (options != NULL)
        o = *options;
    else
        match_options_init(&o, MATCH_OPTIONS_VERSION);
    lm_py_solve s = {NULL, NULL, NULL, 0, NULL, NULL, NULL};
    o.progress = NULL;
    o.progress_payload = NULL;
    if (progress != NULL && progress != Py_None) {
        if (!PyCallable_Check(progress)) {
            PyErr_SetString(PyExc_TypeError, "progress must be callable or None");
            return NULL;
        }
        s.progress = progress;
        o.progress = lm_py_progress;
        o.progress_payload = &s;
    }
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
    if (s.signal_type != NULL) {
        if (rc == MATCH_OK && !PyErr_Occurred()) {
            PyErr_NormalizeException(&s.signal_type, &s.signal_value, &s.signal_tb);
            PyObject *obj = SWIG_NewPointerObj(SWIG_as_voidptr(plan), SWIGTYPE_p_match_plan,
                                               SWIG_POINTER_OWN);
            if (obj != NULL && s.signal_value != NULL) {
                PyObject_SetAttrString(s.signal_value, "plan", obj);
                plan = NULL; /* owned by obj now */
            }
            Py_XDECREF(obj);
            PyErr_Restore(s.signal_type, s.signal_value, s.signal_tb);
        } else {
            Py_XDECREF(s.signal_type);
            Py_XDECREF(s.signal_value);
            Py_XDECREF(s.signal_tb);
            if (!PyErr_Occurred())
                PyErr_SetNone(PyExc_KeyboardInterrupt);
        }
        match_plan_destroy(plan);
        return NULL;
    }
    if (rc != MATCH_OK || PyErr_Occurred()) {
        match_plan_destroy(plan);
        lm_raise(rc != MATCH_OK ? rc : MATCH_EINTERRUPTED,
                 rc != MATCH_OK ? match_model_error(model) : NULL, NULL, 0);
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
"match_model_solve(model, options=None, interrupt=None, log=None, progress=None) -> match_plan

Solves the model. options: a match_options or None for the defaults. interrupt: a callable
asked now and then during the solve; a true result stops it (the plan's status is then
\"interrupted\"). log: a callable receiving (level, message). progress: a callable receiving
(phase, elapsed, incumbent, bound, gap), NaN where unknown. Ctrl-C stops the solve and raises
KeyboardInterrupt, with the plan so far as the exception's `plan`.";
match_plan *lm_py_solve_model(match_model *model, const match_options *options = NULL,
                              PyObject *interrupt = NULL, PyObject *log = NULL,
                              PyObject *progress = NULL);

#elif defined(SWIGLUA)
%{
/* What the C callbacks of one Lua solve share. Functions are kept at fixed stack slots. */
typedef struct lm_lua_solve {
    lua_State *L;
    int interrupt; /* stack index of the interrupt function, or 0 */
    int log;       /* stack index of the log function, or 0 */
    int progress;  /* stack index of the progress function, or 0 */
    int error;     /* registry ref of an error raised by a callback, or LUA_NOREF */
} lm_lua_solve;

/* match_options.progress: calls progress(phase, elapsed, incumbent, bound, gap); NaN where
 * unknown. */
static void lm_lua_progress(const match_progress *p, void *payload)
{
    lm_lua_solve *s = (lm_lua_solve *)payload;
    if (s->error != LUA_NOREF || s->progress == 0)
        return;
    lua_pushvalue(s->L, s->progress);
    lua_pushstring(s->L, p->phase);
    lua_pushnumber(s->L, p->elapsed);
    lua_pushnumber(s->L, p->incumbent);
    lua_pushnumber(s->L, p->bound);
    lua_pushnumber(s->L, p->gap);
    if (lua_pcall(s->L, 5, 0, 0) != LUA_OK)
        s->error = luaL_ref(s->L, LUA_REGISTRYINDEX);
}

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
 * stop: the plan then has status "interrupted"), log (function receiving level, message),
 * progress (function receiving phase, elapsed, incumbent, bound, gap) and warm_start. */
static int lm_lua_solve_model(lua_State *L)
{
    match_model *model = NULL;
    if (!SWIG_IsOK(SWIG_ConvertPtr(L, 1, (void **)&model, SWIGTYPE_p_match_model, 0)) ||
        model == NULL)
        return luaL_error(L, "match_model_solve: argument 1 must be a model");
    lua_settop(L, 2);
    match_options o;
    match_options_init(&o, MATCH_OPTIONS_VERSION);
    lm_lua_solve s = {L, 0, 0, 0, LUA_NOREF};
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
        type = lua_getfield(L, 2, "progress"); /* stack slot 6 */
        if (type != LUA_TNIL && type != LUA_TFUNCTION)
            return luaL_error(L, "match_model_solve: progress must be a function");
        if (type == LUA_TFUNCTION) {
            s.progress = 6;
            o.progress = lm_lua_progress;
            o.progress_payload = &s;
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
        lm_lua_push_error(L, rc, match_model_error(model), NULL);
        return lua_error(L);
    }
    SWIG_NewPointerObj(L, plan, SWIGTYPE_p_match_plan, 1);
    return 1;
}
%}
%native(match_model_solve) int lm_lua_solve_model(lua_State *L);
#endif

/* Attribute structs and their calls: wrapped as flat calls below ("Adding an item"). */
%ignore match_community_attrs;
%ignore match_unit_attrs;
%ignore match_volunteer_attrs;
%ignore match_resource_attrs;
%ignore match_need_attrs;
%ignore match_request;
%ignore match_model_add_community_attrs;
%ignore match_model_add_unit_attrs;
%ignore match_model_add_volunteer_attrs;
%ignore match_model_add_resource_attrs;
%ignore match_model_add_need_attrs;
%ignore match_model_get_community;
%ignore match_model_get_unit;
%ignore match_model_get_volunteer;
%ignore match_model_get_resource;
%ignore match_model_get_need;
%ignore match_model_get_fixed;
%ignore match_model_get_forbidden;
%ignore match_model_get_listed;
%ignore match_model_get_previous;

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

/* ==== Adding an item in one call ========================================================== */

/* The attribute structs stay in C: the languages pass the attributes as arguments of the
 * flat calls below, which fill the struct from its ..._INIT and make the one atomic call.
 * Lists of strings are a list (Python) or an array table (Lua). */

#if defined(SWIGPYTHON)
%typemap(in) (const char *const *tags, size_t n_tags) (PyObject *seq = NULL) {
    seq = PySequence_Fast($input, "expected a list of str");
    if (seq == NULL)
        SWIG_fail;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    $1 = ($1_ltype)malloc(sizeof(char *) * (size_t)(n + 1));
    $2 = (size_t)n;
    if ($1 == NULL) {
        PyErr_NoMemory();
        SWIG_fail;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(seq, i);
        const char *text = PyUnicode_Check(item) ? PyUnicode_AsUTF8(item) : NULL;
        if (text == NULL) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_TypeError, "expected a list of str");
            SWIG_fail;
        }
        $1[i] = ($*1_ltype)text;
    }
}
%typemap(freearg) (const char *const *tags, size_t n_tags) {
    free((void *)$1);
    Py_XDECREF(seq$argnum);
}
%typemap(in) (const double *amounts, size_t n_amounts) {
    PyObject *seq = PySequence_Fast($input, "expected a list of numbers");
    if (seq == NULL)
        SWIG_fail;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    $1 = (double *)malloc(sizeof(double) * (size_t)(n + 1));
    $2 = (size_t)n;
    for (Py_ssize_t i = 0; $1 != NULL && i < n; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(seq, i);
        $1[i] = PyBool_Check(item) ? -1.0 : PyFloat_AsDouble(item);
        if (PyBool_Check(item) || PyErr_Occurred()) {
            Py_DECREF(seq);
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_TypeError, "expected a list of numbers");
            SWIG_fail;
        }
    }
    Py_DECREF(seq);
    if ($1 == NULL) {
        PyErr_NoMemory();
        SWIG_fail;
    }
}
#elif defined(SWIGLUA)
%typemap(in, checkfn="lua_istable") (const char *const *tags, size_t n_tags) {
    size_t n = (size_t)lua_rawlen(L, $input);
    $1 = ($1_ltype)malloc(sizeof(char *) * (n + 1));
    $2 = n;
    if ($1 == NULL) {
        lua_pushstring(L, "out of memory");
        SWIG_fail;
    }
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, $input, (lua_Integer)(i + 1));
        /* The table keeps the string alive during the call. */
        const char *text = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        lua_pop(L, 1);
        if (text == NULL) {
            lua_pushfstring(L, "$symname: argument %d must be a list of strings", $argnum);
            SWIG_fail;
        }
        $1[i] = ($*1_ltype)text;
    }
}
%typemap(freearg) (const char *const *tags, size_t n_tags) {
    free((void *)$1);
}
%typemap(in, checkfn="lua_istable") (const double *amounts, size_t n_amounts) {
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
            lua_pushfstring(L, "$symname: argument %d must be a list of numbers", $argnum);
            SWIG_fail;
        }
    }
}
#endif
%typemap(freearg) (const double *amounts, size_t n_amounts) {
    free($1);
}

%apply (const char *const *tags, size_t n_tags) {
    (const char *const *slots_tags, size_t n_slots_tags),
    (const char *const *types_tags, size_t n_types_tags)
};

%rename(match_model_add_unit_attrs) lm_bind_add_unit;
%rename(match_model_add_volunteer_attrs) lm_bind_add_volunteer;
%rename(match_model_add_resource_attrs) lm_bind_add_resource;
%rename(match_model_add_need_attrs) lm_bind_add_need;
%inline %{
/* match_model_add_unit_attrs(model, id, name, community, min_projects) */
int lm_bind_add_unit(match_model *model, const char *id, const char *name, const char *community,
                     int min_projects)
{
    match_unit_attrs a = MATCH_UNIT_ATTRS_INIT;
    a.name = name;
    a.community = community;
    a.min_projects = min_projects;
    return match_model_add_unit_attrs(model, id, &a);
}

/* match_model_add_volunteer_attrs(model, id, community, hours, unit, located, lat, lon,
 *                                 min_hours, max_distance_km, skills, slots) */
int lm_bind_add_volunteer(match_model *model, const char *id, const char *community,
                          double hours, const char *unit, int located, double lat, double lon,
                          double min_hours, double max_distance_km,
                          const char *const *tags, size_t n_tags,
                          const char *const *slots_tags, size_t n_slots_tags)
{
    match_volunteer_attrs a = MATCH_VOLUNTEER_ATTRS_INIT;
    a.community = community;
    a.hours = hours;
    a.unit = unit;
    a.located = located;
    a.lat = lat;
    a.lon = lon;
    a.min_hours = min_hours;
    a.max_distance_km = max_distance_km;
    a.skills = tags;
    a.n_skills = n_tags;
    a.slots = slots_tags;
    a.n_slots = n_slots_tags;
    return match_model_add_volunteer_attrs(model, id, &a);
}

/* match_model_add_resource_attrs(model, id, unit, type, amount, located, lat, lon,
 *                                categories) */
int lm_bind_add_resource(match_model *model, const char *id, const char *unit, const char *type,
                         double amount, int located, double lat, double lon,
                         const char *const *tags, size_t n_tags)
{
    match_resource_attrs a = MATCH_RESOURCE_ATTRS_INIT;
    a.unit = unit;
    a.type = type;
    a.amount = amount;
    a.located = located;
    a.lat = lat;
    a.lon = lon;
    a.categories = tags;
    a.n_categories = n_tags;
    return match_model_add_resource_attrs(model, id, &a);
}

/* match_model_add_need_attrs(model, id, community, category, priority, hours,
 *                            min_volunteers, max_volunteers, all_or_nothing, required,
 *                            resource_types, resource_amounts, skills, slots) */
int lm_bind_add_need(match_model *model, const char *id, const char *community,
                     const char *category, int priority, double hours, int min_volunteers,
                     int max_volunteers, int all_or_nothing, int required,
                     const char *const *types_tags, size_t n_types_tags,
                     const double *amounts, size_t n_amounts,
                     const char *const *tags, size_t n_tags,
                     const char *const *slots_tags, size_t n_slots_tags)
{
    if (n_amounts != n_types_tags)
        return match_model_add_need_attrs(model, id, NULL); /* MATCH_EINVAL */
    match_request *asks = (match_request *)calloc(n_amounts + 1, sizeof *asks);
    if (asks == NULL)
        return MATCH_ENOMEM;
    for (size_t k = 0; k < n_amounts; ++k) {
        asks[k].type = types_tags[k];
        asks[k].amount = amounts[k];
    }
    match_need_attrs a = MATCH_NEED_ATTRS_INIT;
    a.community = community;
    a.category = category;
    a.priority = priority;
    a.hours = hours;
    a.min_volunteers = min_volunteers;
    a.max_volunteers = max_volunteers;
    a.all_or_nothing = all_or_nothing;
    a.required = required;
    a.resources = asks;
    a.n_resources = n_amounts;
    a.skills = tags;
    a.n_skills = n_tags;
    a.slots = slots_tags;
    a.n_slots = n_slots_tags;
    int rc = match_model_add_need_attrs(model, id, &a);
    free(asks);
    return rc;
}
%}

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
static int lm_plan_sheets(const match_plan *plan, const match_model *model, const char *path,
                          const char *lang, char *errbuf, size_t errbuf_size)
{
    match_sheet_options o;
    match_sheet_options_init(&o, MATCH_SHEET_OPTIONS_VERSION);
    o.lang = lang;
    return match_plan_write_sheets(plan, model, path, &o, errbuf, errbuf_size);
}
%}
/* The languages reach sheets.h through the two calls below, not one by one. */
%ignore match_sheet_options_init;
%ignore match_path_is_sheets;
%ignore match_sheets_to_json;
%ignore match_model_read_sheets;
%ignore match_model_read_any;
%ignore match_scenario_convert;
%ignore match_sheets_write_template;
%ignore match_plan_write_sheets;
/* Both report through their error buffer (the plan and model they take are only read). */
%apply int LM_READING { int lm_sheets_json, int lm_plan_sheets };
int lm_sheets_json(char **out, const char *path, const char *encoding, char *errbuf,
                   size_t errbuf_size);
int lm_plan_sheets(const match_plan *plan, const match_model *model, const char *path, const char *lang,
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
%include "libmatch/explain.h"
%include "libmatch/evaluate.h"
/* The previous plan of a report is optional: None / nil leaves out "what changed". */
%typemap(check) const match_plan *previous ""
%include "libmatch/report.h"

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
