/* outfile.c — outputs written as PATH.partial and renamed when complete (see outfile.h), figure
 * completeness checks, and the checked reader of input text files (mn_text_read). */
#define _POSIX_C_SOURCE 200809L
#include "outfile.h"

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
    return 0;
}

void mn_outfile_abort(mn_outfile *o)
{
    if (o->fp) fclose(o->fp);
    o->fp = NULL;
    unlink(o->tmp);
}

int mn_outfile_commit(const char *tmp, const char *path, mn_error *err)
{
    if (sync_path(tmp) != 0 && errno != EINVAL) {
        int e = errno;
        unlink(tmp);
        return mn_fail(err, "%s: cannot write the file: %s", path,
                       mn_io_reason(path, e, strerror(e)));
    }
    if (rename(tmp, path) != 0) {
        int e = errno;
        unlink(tmp);
        return mn_fail(err, "%s: cannot rename %s to it: %s", path, tmp, strerror(e));
    }
    return 0;
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
