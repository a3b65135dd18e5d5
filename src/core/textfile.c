/* textfile.c — mn_text_read: the one reader of input text files (INI, sweep specifications),
 * refusing what is not a regular text file of reasonable size instead of hanging or misreading. */
#define _POSIX_C_SOURCE 200809L
#include "textfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int mn_text_read(const char *path, char **text, size_t *size, mn_error *err)
{
    *text = NULL;
    if (size) *size = 0;
    /* O_NONBLOCK: opening a FIFO without a writer must not hang; regular files ignore it */
    int fd = open(path, O_RDONLY | O_NONBLOCK);
    if (fd < 0) return mn_fail(err, "%s: cannot open: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return mn_fail(err, "%s: cannot read the file: %s", path, strerror(e));
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return mn_fail(err, "%s: not a regular file (%s); expected a text file", path,
                       S_ISDIR(st.st_mode)    ? "a directory"
                       : S_ISCHR(st.st_mode)  ? "a character device"
                       : S_ISBLK(st.st_mode)  ? "a block device"
                       : S_ISFIFO(st.st_mode) ? "a pipe"
                                              : "a special file");
    }
    if ((unsigned long long)st.st_size > MN_TEXT_MAX_BYTES) {
        close(fd);
        return mn_fail(err, "%s: too large for a text input (%lld bytes; at most %u)", path,
                       (long long)st.st_size, MN_TEXT_MAX_BYTES);
    }
    size_t cap = (size_t)st.st_size + 1, n = 0;
    char *buf = malloc(cap);
    if (!buf) {
        close(fd);
        return mn_fail(err, "%s: out of memory", path);
    }
    for (;;) { /* the file may grow while read: stop at the limit */
        if (n + 1 >= cap) {
            if (cap > MN_TEXT_MAX_BYTES) {
                free(buf);
                close(fd);
                return mn_fail(err, "%s: too large for a text input (over %u bytes)", path,
                               MN_TEXT_MAX_BYTES);
            }
            char *b = realloc(buf, cap * 2);
            if (!b) {
                free(buf);
                close(fd);
                return mn_fail(err, "%s: out of memory", path);
            }
            buf = b;
            cap *= 2;
        }
        ssize_t got = read(fd, buf + n, cap - 1 - n);
        if (got < 0) {
            if (errno == EINTR) continue;
            int e = errno;
            free(buf);
            close(fd);
            return mn_fail(err, "%s: cannot read the file: %s", path, strerror(e));
        }
        if (got == 0) break;
        n += (size_t)got;
    }
    close(fd);
    buf[n] = '\0';
    if (mn_text_check(path, buf, n, err) != 0) {
        free(buf);
        return -1;
    }
    *text = buf;
    if (size) *size = n;
    return 0;
}

int mn_text_check(const char *name, const char *text, size_t size, mn_error *err)
{
    if (size > MN_TEXT_MAX_BYTES)
        return mn_fail(err, "%s: too large for a text input (%zu bytes; at most %u)", name, size,
                       MN_TEXT_MAX_BYTES);
    const char *nul = memchr(text, '\0', size);
    if (nul) {
        long line = 1;
        for (const char *s = text; s < nul; s++)
            line += *s == '\n';
        return mn_fail(err, "%s:%ld: NUL byte in a text file (binary data?)", name, line);
    }
    return 0;
}
