/*
 * Faults on disk for every file writer (the plan file, and the MPS, LP and DIMACS exports):
 * a full disk (the file-size limit RLIMIT_FSIZE, as `ulimit -f` sets it), a read-only
 * directory and an output path that is a directory. Each write must fail with MATCH_EIO and a
 * message naming the path and the reason, leave the file that was there byte for byte as it
 * was, and leave no temporary file behind.
 *
 * The read-only case runs the write as an unprivileged user (a child process that drops to
 * "nobody") when the test runs as root, since root writes into read-only directories.
 */
#include "test_support.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define OLD_CONTENT "the file that was here before\n"

typedef enum writer { W_PLAN, W_MPS, W_LP, W_DIMACS, W_COUNT } writer;
static const char *const WRITER_NAMES[] = {"plan", "mps", "lp", "dimacs"};

typedef struct fixture {
    match_model *model;
    match_model *network; /* a pure network, for the DIMACS export */
    match_plan *plan;
    char dir[256];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    char err[512];
    assert_int_equal(match_model_read_json(&f->model, LIBMATCH_EXAMPLE, err, sizeof err), MATCH_OK);
    assert_int_equal(match_model_solve(&f->plan, f->model, NULL), MATCH_OK);
    /* 20 volunteers and 20 needs side by side: 400 arcs, a DIMACS file of several kB. */
    f->network = ts_model_new();
    ts_community(f->network, "C1", 0.0);
    for (int k = 0; k < 20; k++) {
        char id[16];
        snprintf(id, sizeof id, "V%02d", k);
        ts_volunteer(f->network, id, "C1", 4 + k % 5);
        snprintf(id, sizeof id, "N%02d", k);
        ts_need(f->network, id, "C1", 1 + k % 5, 3 + k % 7);
    }
    assert_true(ts_make_temp_dir(f->dir, sizeof f->dir, "disk-faults"));
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    chmod(f->dir, 0755);
    ts_remove_tree(f->dir);
    match_plan_destroy(f->plan);
    match_model_destroy(f->network);
    match_model_destroy(f->model);
    free(f);
    return 0;
}

/* Writes with one writer; the message goes to msg. */
static int write_with(fixture *f, writer w, const char *path, char *msg, size_t size)
{
    int rc;
    const char *text;
    if (w == W_PLAN) {
        rc = match_plan_write_json(f->plan, path);
        text = match_plan_errmsg(f->plan);
    } else {
        match_export_format format = w == W_MPS  ? MATCH_EXPORT_MPS
                                     : w == W_LP ? MATCH_EXPORT_LP
                                                 : MATCH_EXPORT_DIMACS;
        match_model *m = w == W_DIMACS ? f->network : f->model;
        rc = match_model_export(m, path, format);
        text = match_model_errmsg(m);
    }
    snprintf(msg, size, "%s", rc == MATCH_OK ? "" : text);
    return rc;
}

static void put_old_file(const char *path)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fputs(OLD_CONTENT, fp) >= 0, 1);
    assert_int_equal(fclose(fp), 0);
}

static void expect_old_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    char buf[256] = "";
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    fclose(fp);
    buf[n] = '\0';
    assert_string_equal(buf, OLD_CONTENT);
}

static void expect_failure(writer w, int rc, const char *msg, const char *path, const char *why)
{
    if (rc != MATCH_EIO)
        fail_msg("%s writer: code %d (%s), expected MATCH_EIO", WRITER_NAMES[w], rc, msg);
    if (strstr(msg, path) == NULL || strstr(msg, why) == NULL)
        fail_msg("%s writer: message \"%s\" lacks the path %s or \"%s\"", WRITER_NAMES[w], msg,
                 path, why);
}

/* ---- A full disk ------------------------------------------------------------------------- */

static void test_full_disk(void **state)
{
    fixture *f = *state;
    /* Writing past the limit raises SIGXFSZ, which would kill the process: ignored, the write
     * fails with EFBIG instead, as on a full disk it fails with ENOSPC. */
    struct sigaction ignore = {0}, old_action;
    ignore.sa_handler = SIG_IGN;
    assert_int_equal(sigaction(SIGXFSZ, &ignore, &old_action), 0);
    struct rlimit old_limit, limit;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old_limit), 0);
    for (writer w = 0; w < W_COUNT; w++) {
        char path[512], msg[1024];
        snprintf(path, sizeof path, "%s/out.%s", f->dir, WRITER_NAMES[w]);
        put_old_file(path);
        limit = old_limit;
        limit.rlim_cur = 2048; /* bytes: the example's files are all larger */
        assert_int_equal(setrlimit(RLIMIT_FSIZE, &limit), 0);
        int rc = write_with(f, w, path, msg, sizeof msg);
        assert_int_equal(setrlimit(RLIMIT_FSIZE, &old_limit), 0);
        expect_failure(w, rc, msg, path, "cannot write");
        expect_old_file(path);
        assert_int_equal(ts_count_entries(f->dir), 1);
        remove(path);
    }
    assert_int_equal(sigaction(SIGXFSZ, &old_action, NULL), 0);

    /* Without the limit every writer works: the failures above were the disk's. */
    for (writer w = 0; w < W_COUNT; w++) {
        char path[512], msg[1024];
        snprintf(path, sizeof path, "%s/out.%s", f->dir, WRITER_NAMES[w]);
        assert_int_equal(write_with(f, w, path, msg, sizeof msg), MATCH_OK);
        struct stat st;
        assert_int_equal(stat(path, &st), 0);
        assert_true(st.st_size > 2048);
        remove(path);
    }
}

/* ---- A read-only directory --------------------------------------------------------------- */

/* Writes as an unprivileged user in a child when this process is root (root ignores the
 * directory's permissions); returns the code, the message through msg. */
static int write_unprivileged(fixture *f, writer w, const char *path, char *msg, size_t size)
{
    if (geteuid() != 0)
        return write_with(f, w, path, msg, size);
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        char text[1024] = "cannot drop privileges";
        int rc = 100;
        if (setgid(65534) == 0 && setuid(65534) == 0)
            rc = write_with(f, w, path, text, sizeof text);
        ssize_t unused = write(fds[1], text, strlen(text) + 1);
        (void)unused;
        _exit(rc < 0 ? -rc : rc);
    }
    close(fds[1]);
    size_t got = 0;
    ssize_t n;
    while (got + 1 < size && (n = read(fds[0], msg + got, size - 1 - got)) > 0)
        got += (size_t)n;
    msg[got] = '\0';
    close(fds[0]);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    if (WEXITSTATUS(status) == 100)
        fail_msg("the child could not drop to an unprivileged user");
    return -WEXITSTATUS(status);
}

static void test_read_only_directory(void **state)
{
    fixture *f = *state;
    for (writer w = 0; w < W_COUNT; w++) {
        char path[512], msg[1024];
        snprintf(path, sizeof path, "%s/out.%s", f->dir, WRITER_NAMES[w]);
        assert_int_equal(chmod(f->dir, 0755), 0);
        put_old_file(path);
        assert_int_equal(chmod(path, 0644), 0);
        assert_int_equal(chmod(f->dir, 0555), 0);
        int rc = write_unprivileged(f, w, path, msg, sizeof msg);
        expect_failure(w, rc, msg, path, "Permission denied");
        expect_old_file(path);
        assert_int_equal(ts_count_entries(f->dir), 1);
        /* The same user writes there once the directory is writable: the mode was the cause. */
        assert_int_equal(chmod(f->dir, 0777), 0);
        rc = write_unprivileged(f, w, path, msg, sizeof msg);
        if (rc != MATCH_OK)
            fail_msg("%s writer into a writable directory: %d (%s)", WRITER_NAMES[w], rc, msg);
        assert_int_equal(chmod(f->dir, 0755), 0);
        remove(path);
    }
}

/* ---- An output path that is a directory --------------------------------------------------- */

static void test_path_is_a_directory(void **state)
{
    fixture *f = *state;
    char path[512];
    snprintf(path, sizeof path, "%s/out", f->dir);
    assert_int_equal(mkdir(path, 0755), 0);
    char inside[600];
    snprintf(inside, sizeof inside, "%s/keep.txt", path);
    put_old_file(inside);
    for (writer w = 0; w < W_COUNT; w++) {
        char msg[1024];
        int rc = write_with(f, w, path, msg, sizeof msg);
        expect_failure(w, rc, msg, path, "not a regular file");
        struct stat st;
        assert_int_equal(stat(path, &st), 0);
        assert_true(S_ISDIR(st.st_mode));
        expect_old_file(inside);
        assert_int_equal(ts_count_entries(path), 1);
        assert_int_equal(ts_count_entries(f->dir), 1);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_full_disk, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_only_directory, setup, teardown),
        cmocka_unit_test_setup_teardown(test_path_is_a_directory, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
