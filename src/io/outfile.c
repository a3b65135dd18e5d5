/* outfile.c — outputs written as PATH.partial and renamed when complete (see outfile.h), figure
 * completeness checks, and the checked reader of input text files (mn_text_read). */
#define _POSIX_C_SOURCE 200809L
#include "outfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "h5util.h"

FILE *mn_outfile_open(mn_outfile *o, const char *path, const char *mode)
{
    snprintf(o->path, sizeof o->path, "%s", path);
    mn_partial_name(path, o->tmp, sizeof o->tmp);
    o->errnum = 0;
    o->fp = fopen(o->tmp, mode);
    if (!o->fp) o->errnum = errno ? errno : EIO;
    return o->fp;
}

static int sync_path(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) return -1;
    int rc = fsync(fd);
    int e = errno;
    close(fd);
    errno = e;
    return rc;
}

/* After a rename: make the new directory entry durable too (errors ignored: some file systems
 * cannot fsync a directory, and the data are already on disk). */
static void sync_parent(const char *path)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd < 0) return;
    fsync(fd);
    close(fd);
}

int mn_outfile_close(mn_outfile *o, mn_error *err)
{
    int failed = 0;
    if (!o->fp) {
        failed = 1;
    } else {
        errno = 0;
        if (fflush(o->fp) != 0 || ferror(o->fp)) {
            failed = 1;
            if (!o->errnum) o->errnum = errno ? errno : EIO;
        }
        if (!failed && fsync(fileno(o->fp)) != 0 && errno != EINVAL) {
            failed = 1;
            o->errnum = errno;
        }
        if (fclose(o->fp) != 0 && !failed) {
            failed = 1;
            o->errnum = errno ? errno : EIO;
        }
        o->fp = NULL;
    }
    if (!failed && rename(o->tmp, o->path) != 0) {
        failed = 1;
        o->errnum = errno;
    }
    if (failed) {
        unlink(o->tmp);
        if (err)
            mn_fail(err, "%s: cannot write the file: %s", o->path,
                    mn_io_reason(o->path, o->errnum, strerror(o->errnum ? o->errnum : EIO)));
        return -1;
    }
    sync_parent(o->path);
    return 0;
}

void mn_outfile_abort(mn_outfile *o)
{
    if (o->fp) fclose(o->fp);
    o->fp = NULL;
    unlink(o->tmp);
}

int mn_outfile_commit_keep(const char *tmp, const char *path, mn_error *err)
{
    if (sync_path(tmp) != 0 && errno != EINVAL) {
        int e = errno;
        return mn_fail(err, "%s: cannot write the file: %s", path,
                       mn_io_reason(path, e, strerror(e)));
    }
    if (rename(tmp, path) != 0) {
        int e = errno;
        return mn_fail(err, "%s: cannot rename %s to it: %s", path, tmp, strerror(e));
    }
    sync_parent(path);
    return 0;
}

int mn_outfile_commit(const char *tmp, const char *path, mn_error *err)
{
    int rc = mn_outfile_commit_keep(tmp, path, err);
    if (rc != 0) unlink(tmp);
    return rc;
}

int mn_figure_complete(const char *path, const char *ext)
{
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    unsigned char tail[1024];
    size_t n = 0;
    if (fseek(f, 0, SEEK_END) == 0) {
        long size = ftell(f);
        long from = size > (long)sizeof tail ? size - (long)sizeof tail : 0;
        if (size > 0 && fseek(f, from, SEEK_SET) == 0) n = fread(tail, 1, sizeof tail, f);
    }
    fclose(f);
    if (n == 0) return 0;
    if (strcmp(ext, "png") == 0) {
        static const unsigned char iend[12] = {0,   0,   0,    0,    'I',  'E',
                                               'N', 'D', 0xAE, 0x42, 0x60, 0x82};
        return n >= sizeof iend && memcmp(tail + n - sizeof iend, iend, sizeof iend) == 0;
    }
    const char *mark = strcmp(ext, "svg") == 0   ? "</svg>"
                       : strcmp(ext, "pdf") == 0 ? "%%EOF"
                                                 : NULL;
    if (!mark) return 1; /* unknown format: size > 0 is all we can say */
    size_t m = strlen(mark);
    for (size_t k = n >= m ? n - m + 1 : 0; k-- > 0;)
        if (memcmp(tail + k, mark, m) == 0) return 1;
    return 0;
}

static int snap_add(mn_dir_snapshot *s, const struct stat *st)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 64;
        mn_dir_entry *e = realloc(s->e, cap * sizeof *e);
        if (!e) return -1;
        s->e = e;
        s->cap = cap;
    }
    s->e[s->n].dev = (unsigned long long)st->st_dev;
    s->e[s->n].ino = (unsigned long long)st->st_ino;
    s->e[s->n].mtime_s = (long long)st->st_mtim.tv_sec;
    s->e[s->n].mtime_ns = (long long)st->st_mtim.tv_nsec;
    s->n++;
    return 0;
}

static int snap_has(const mn_dir_snapshot *s, const struct stat *st)
{
    for (size_t k = 0; k < s->n; k++)
        if (s->e[k].dev == (unsigned long long)st->st_dev &&
            s->e[k].ino == (unsigned long long)st->st_ino &&
            (S_ISDIR(st->st_mode) || /* a directory's mtime changes with its entries */
             (s->e[k].mtime_s == (long long)st->st_mtim.tv_sec &&
              s->e[k].mtime_ns == (long long)st->st_mtim.tv_nsec)))
            return 1;
    return 0;
}

/* Visit dir (depth levels): record entries (s != NULL, take) or remove those not in keep. */
static int snap_walk(const char *dir, int depth, mn_dir_snapshot *s, const mn_dir_snapshot *keep)
{
    DIR *d = opendir(dir);
    if (!d) return 0;
    int rc = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
        char path[4096];
        if (snprintf(path, sizeof path, "%s/%s", dir, de->d_name) >= (int)sizeof path) continue;
        struct stat st;
        if (lstat(path, &st) != 0) continue;
        int is_dir = S_ISDIR(st.st_mode);
        if (is_dir && depth > 1) rc |= snap_walk(path, depth - 1, s, keep);
        if (s) {
            rc |= snap_add(s, &st);
        } else if (!snap_has(keep, &st)) {
            if (is_dir)
                rmdir(path); /* only if empty */
            else
                unlink(path);
        }
    }
    closedir(d);
    return rc;
}

int mn_dir_snapshot_take(mn_dir_snapshot *s, const char *dir)
{
    struct stat st;
    memset(s, 0, sizeof *s);
    s->existed = stat(dir, &st) == 0;
    if (s->existed && snap_walk(dir, 3, s, NULL) != 0) {
        mn_dir_snapshot_free(s);
        s->existed = -1; /* incomplete: take back nothing */
        return -1;
    }
    return 0;
}

void mn_dir_take_back(mn_dir_snapshot *s, const char *dir)
{
    if (s->existed >= 0) {
        snap_walk(dir, 3, NULL, s);
        if (!s->existed) rmdir(dir); /* fails, leaving it, unless it is empty */
    }
    mn_dir_snapshot_free(s);
}

void mn_dir_snapshot_free(mn_dir_snapshot *s)
{
    free(s->e);
    s->e = NULL;
    s->n = s->cap = 0;
}
