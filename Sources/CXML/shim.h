// libxml2's push parser with SAX2 callbacks, for reading the XML parts of XLSX workbooks.
#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, and encoding.h then includes ICU's headers, whose enums clash with the copy
// Foundation bundles (_FoundationICU) in any module that imports both. Only the layout of
// xmlCharEncodingHandler depends on it, a struct used here through pointers only.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
// zlib's crc32 checks each part as it is inflated: ZIPFoundation's own CRC-32, a byte-at-a-time Swift loop on
// Linux, took twice as long as inflating. libxml2 links zlib already; this names it for the linker.
#include <zlib.h>
