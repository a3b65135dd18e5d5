# plot_check.py — checks rendered figures for the plot tests: python3 plot_check.py [--quick] FILE...
# PNG: signature, IHDR size >= 800x500, and not blank (IDAT inflated and unfiltered, more than a
# few distinct pixel values; with --quick, which skips the slow pure-Python unfiltering, a
# compressed size no blank 1200x800 image reaches). SVG: an <svg> document with drawn paths. PDF: %PDF header and %%EOF.
import sys, struct, zlib

def png_pixels(data):
    assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
    pos, idat, ihdr = 8, b'', None
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b'IHDR': ihdr = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT': idat += body
        pos += 12 + n
    w, h, depth, ctype = ihdr[:4]
    assert depth == 8 and ctype in (2, 6), ('unexpected PNG type', depth, ctype)
    bpp = 3 if ctype == 2 else 4
    raw, stride, prev, colours, out = zlib.decompress(idat), w * bpp, bytearray(w * bpp), set(), 0
    for y in range(h):
        f, line = raw[out], bytearray(raw[out + 1:out + 1 + stride]); out += 1 + stride
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]; c = prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        if y % 4 == 0:
            for x in range(0, stride, bpp * 2): colours.add(bytes(line[x:x + bpp]))
        prev = line
    return w, h, len(colours)

def png_size(data):
    assert data[:8] == b'\x89PNG\r\n\x1a\n' and data[12:16] == b'IHDR', 'not a PNG'
    return struct.unpack('>II', data[16:24])

quick = '--quick' in sys.argv
paths = [a for a in sys.argv[1:] if a != '--quick']
for path in paths:
    data = open(path, 'rb').read()
    if path.endswith('.png') and quick:
        w, h = png_size(data)
        assert w >= 800 and h >= 500, (path, w, h)
        assert len(data) > 15000, (path, 'looks blank:', len(data), 'bytes')
    elif path.endswith('.png'):
        w, h, n = png_pixels(data)
        assert w >= 800 and h >= 500, (path, w, h)
        assert n > 8, (path, 'looks blank:', n, 'colours')
    elif path.endswith('.svg'):
        text = data.decode('utf-8')
        assert '<svg' in text and text.count('<path') > 10, (path, 'not a drawn SVG')
    elif path.endswith('.pdf'):
        assert data[:5] == b'%PDF-' and b'%%EOF' in data[-64:] and len(data) > 5000, (path, 'not a PDF')
    else:
        raise SystemExit('unknown figure type: ' + path)
print('checked %d figures' % len(paths))
