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
