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
