#define _GNU_SOURCE
#include "CPlatform.h"

#if defined(__linux__)
#include <sched.h>

int mutasi_allowed_cores(void) {
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) != 0) return 0;
    return CPU_COUNT(&set);
}
#else
int mutasi_allowed_cores(void) { return 0; }
#endif

// MARK: files that change while they are mapped

#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <pthread.h>

#define MUTASI_WATCHED 64

/// The mapped files being read: their address range and the message to give if one faults. The
/// handler reads them without a lock (a signal handler cannot take one); a slot is filled in
/// before its range is published, and its range withdrawn before its message is freed.
static struct {
    _Atomic(uintptr_t) start;
    _Atomic(uintptr_t) end;
    char *message;
    size_t length;
} watched[MUTASI_WATCHED];
static pthread_mutex_t watched_lock = PTHREAD_MUTEX_INITIALIZER;
static struct sigaction previous_bus;
static int handler_installed;

static void mutasi_on_sigbus(int sig, siginfo_t *info, void *context) {
    uintptr_t a = (uintptr_t)info->si_addr;
    for (int i = 0; i < MUTASI_WATCHED; i++) {
        uintptr_t s = atomic_load(&watched[i].start), e = atomic_load(&watched[i].end);
        if (s != 0 && a >= s && a < e) {
            ssize_t unused = write(2, watched[i].message, watched[i].length);
            (void)unused;
            _exit(2);
        }
    }
    // not a watched file: fail as the process would have without this handler
    sigaction(SIGBUS, &previous_bus, NULL);
    raise(sig);
    (void)context;
}

int mutasi_watch_mapping(const void *start, size_t length, const char *message) {
    pthread_mutex_lock(&watched_lock);
    if (!handler_installed) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = mutasi_on_sigbus;
        sa.sa_flags = SA_SIGINFO;
        sigemptyset(&sa.sa_mask);
        if (sigaction(SIGBUS, &sa, &previous_bus) == 0) handler_installed = 1;
    }
    int slot = -1;
    for (int i = 0; i < MUTASI_WATCHED && slot < 0; i++) {
        if (atomic_load(&watched[i].start) == 0 && watched[i].message == NULL) slot = i;
    }
    if (slot >= 0) {
        watched[slot].message = strdup(message);
        watched[slot].length = watched[slot].message ? strlen(watched[slot].message) : 0;
        if (watched[slot].message) {
            atomic_store(&watched[slot].end, (uintptr_t)start + length);
            atomic_store(&watched[slot].start, (uintptr_t)start);
        } else {
            slot = -1;
        }
    }
    pthread_mutex_unlock(&watched_lock);
    return slot;
}

void mutasi_unwatch_mapping(int slot) {
    if (slot < 0 || slot >= MUTASI_WATCHED) return;
    pthread_mutex_lock(&watched_lock);
    atomic_store(&watched[slot].start, 0);
    atomic_store(&watched[slot].end, 0);
    free(watched[slot].message);
    watched[slot].message = NULL;
    pthread_mutex_unlock(&watched_lock);
}

#if defined(__linux__)
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int mutasi_spawn_guarded(const char *path, char *const argv[], const char *err_path) {
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) return -errno;
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) { int e = errno; close(report[0]); close(report[1]); return -e; }
    if (pid == 0) {
        // the child: only async-signal-safe calls until exec (the parent has other threads)
        setpgid(0, 0);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        // the parent may have died before prctl: then nobody would ever kill this child
        if (getppid() != parent) _exit(127);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        signal(SIGPIPE, SIG_DFL);
        int null = open("/dev/null", O_RDWR);
        int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (null < 0 || err < 0 || dup2(null, 0) < 0 || dup2(null, 1) < 0 || dup2(err, 2) < 0) {
            int e = errno;
            (void)!write(report[1], &e, sizeof e);
            _exit(127);
        }
        execv(path, argv);
        int e = errno;
        (void)!write(report[1], &e, sizeof e);
        _exit(127);
    }
    // also here, so that the group exists before anyone signals it
    setpgid(pid, pid);
    close(report[1]);
    int e = 0;
    ssize_t n;
    do { n = read(report[0], &e, sizeof e); } while (n < 0 && errno == EINTR);
    close(report[0]);
    if (n == (ssize_t)sizeof e) {
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        return -e;
    }
    return pid;
}

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE (1 << 0)
#endif
#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

static int rename2(const char *a, const char *b, unsigned flags) {
#if defined(SYS_renameat2)
    if (syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, flags) == 0) return 0;
    return -errno;
#else
    return -ENOSYS;
#endif
}

int mutasi_rename_exchange(const char *a, const char *b) { return rename2(a, b, RENAME_EXCHANGE); }
int mutasi_rename_noreplace(const char *from, const char *to) { return rename2(from, to, RENAME_NOREPLACE); }
#else
#include <errno.h>
int mutasi_spawn_guarded(const char *path, char *const argv[], const char *err_path) { return -ENOSYS; }
int mutasi_rename_exchange(const char *a, const char *b) { return -ENOSYS; }
int mutasi_rename_noreplace(const char *from, const char *to) { return -ENOSYS; }
#endif
