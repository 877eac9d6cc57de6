import CXML

/// Receives the elements and text of one XML part as libxml2 parses it; subclasses override what they need.
///
/// Names are local names (namespaces ignored), so transitional and strict OOXML read alike.
class XMLSink {
    /// Whether the parse was ended by `stop()` or `fail(_:)`; `failure`, when set, says why.
    final private(set) var stopRequested = false
    final private(set) var failure: (any Error)?
    /// The first error libxml2 reported (not well-formed, premature end), with the part's line.
    final var parseError: (message: String, line: Int)?
    /// The parser reporting to this sink, so a callback can halt it on the spot.
    final var parserContext: xmlParserCtxtPtr?

    func start(_ name: UnsafePointer<UInt8>, _ attributes: XMLAttributes) {}
    func end(_ name: UnsafePointer<UInt8>) {}
    func text(_ bytes: UnsafePointer<UInt8>, _ count: Int) {}

    /// Ends the parse after the current event: libxml2 makes no further callbacks.
    final func stop() {
        stopRequested = true
        if let parserContext { xmlStopParser(parserContext) }
    }

    /// Ends the parse with an error, keeping the first one.
    final func fail(_ error: any Error) {
        if failure == nil { failure = error }
        stop()
    }
}

/// The attributes of one start tag, as libxml2's SAX2 hands them over (valid during the callback only).
struct XMLAttributes {
    /// Five pointers per attribute: local name, prefix, URI, value start, value end.
    let base: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
    let count: Int

    /// The raw value of the attribute with this local name (any prefix), or nil.
    ///
    /// Without entity substitution libxml2 keeps `&` in attribute values as `&#38;`; `string(_:)` undoes that.
    @inline(__always)
    func value(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        guard let base else { return nil }
        for i in 0..<count {
            guard let local = base[5 * i], XMLName.matches(local, name),
                  let start = base[5 * i + 3], let end = base[5 * i + 4] else { continue }
            return UnsafeBufferPointer(start: start, count: end - start)
        }
        return nil
    }

    /// The value of the attribute with this local name as a `String` (for values that are kept), or nil.
    func string(_ name: StaticString) -> String? {
        guard let bytes = value(name) else { return nil }
        let s = String(decoding: bytes, as: UTF8.self)
        return s.contains("&#38;") ? s.replacingAll("&#38;", with: "&") : s
    }
}

/// Comparisons of libxml2's NUL-terminated names with literals.
enum XMLName {
    @inline(__always)
    static func matches(_ p: UnsafePointer<UInt8>, _ name: StaticString) -> Bool {
        let s = name.utf8Start
        var i = 0
        // Stops at the first difference, so a shorter name's NUL ends the loop before reading past it.
        while i < name.utf8CodeUnitCount {
            if p[i] != s[i] { return false }
            i += 1
        }
        return p[i] == 0
    }
}

extension String {
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        var out = ""
        var rest = self[...]
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}

private let parserInitialised: Void = xmlInitParser()

/// A libxml2 push parser (`xmlCreatePushParserCtxt`) that reports to an `XMLSink`; freed on deinit.
///
/// Push parsing takes the chunks ZIPFoundation's extraction hands out as they come, so no part is held
/// whole and no thread is needed to turn that push into a pull. Hardening: no network (`XML_PARSE_NONET`),
/// no entity substitution, no DTD loading, no `XML_PARSE_HUGE` (libxml2's default caps on names, text nodes
/// and depth stay), and a document type declaration of any kind stops the parse: SpreadsheetML has none,
/// and refusing it shuts out entity expansion altogether.
final class XMLPushParser {
    private let context: xmlParserCtxtPtr
    private let sink: XMLSink

    init(sink: XMLSink) throws(XLSXError) {
        _ = parserInitialised
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        // The parser keeps the sink alive, so the callbacks, which run for every element of every cell, borrow it
        // without reference counting (retain and release were 5% of a sheet's read).
        handler.startElementNs = { ctx, localname, _, _, _, _, attributeCount, _, attributes in
            guard let ctx, let localname else { return }
            Unmanaged<XMLSink>.fromOpaque(ctx)._withUnsafeGuaranteedRef {
                $0.start(localname, XMLAttributes(base: attributes, count: Int(attributeCount)))
            }
        }
        handler.endElementNs = { ctx, localname, _, _ in
            guard let ctx, let localname else { return }
            Unmanaged<XMLSink>.fromOpaque(ctx)._withUnsafeGuaranteedRef { $0.end(localname) }
        }
        handler.characters = { ctx, bytes, count in
            guard let ctx, let bytes, count > 0 else { return }
            Unmanaged<XMLSink>.fromOpaque(ctx)._withUnsafeGuaranteedRef { $0.text(bytes, Int(count)) }
        }
        handler.cdataBlock = handler.characters
        handler.internalSubset = { ctx, _, _, _ in
            guard let ctx else { return }
            let sink = Unmanaged<XMLSink>.fromOpaque(ctx).takeUnretainedValue()
            if sink.parseError == nil { sink.parseError = ("a document type declaration, which workbooks never have", 0) }
            sink.stop()
        }
        // Errors come here instead of being printed on stderr. The first fatal one (not well-formed) is kept; others,
        // such as an undeclared namespace prefix, leave the document readable, as they do for Excel.
        handler.serror = { ctx, error in
            guard let ctx, let error, error.pointee.level == XML_ERR_FATAL else { return }
            let sink = Unmanaged<XMLSink>.fromOpaque(ctx).takeUnretainedValue()
            guard sink.parseError == nil else { return }
            let message = error.pointee.message.map { String(cString: $0) } ?? "XML error \(error.pointee.code)"
            sink.parseError = (XLSXText.printable(message), Int(error.pointee.line))
        }
        let userData = Unmanaged.passUnretained(sink).toOpaque()
        guard let context = xmlCreatePushParserCtxt(&handler, userData, nil, 0, nil) else {
            throw .resource("libxml2 parser context")
        }
        xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue))
        self.context = context
        self.sink = sink
        sink.parserContext = context
    }

    deinit {
        sink.parserContext = nil
        xmlFreeParserCtxt(context)
    }

    /// Parses the next chunk (or, with `last`, ends the document); returns false once the sink asked to stop
    /// or libxml2 found an error (see the sink's `failure` and `parseError`).
    func parse(_ bytes: UnsafeRawBufferPointer, last: Bool = false) -> Bool {
        var offset = 0
        // xmlParseChunk takes an Int32 size; ZIPFoundation's chunks are far smaller, but stay safe.
        repeat {
            let n = min(bytes.count - offset, 1 << 30)
            let base = bytes.baseAddress.map { $0.assumingMemoryBound(to: CChar.self) + offset }
            let isLast: Int32 = last && offset + n == bytes.count ? 1 : 0
            let status = xmlParseChunk(context, base, Int32(n), isLast)
            if sink.stopRequested { return false }
            if sink.parseError != nil || context.pointee.wellFormed == 0 {
                if sink.parseError == nil { sink.parseError = ("XML error \(status)", Int(xmlSAX2GetLineNumber(context))) }
                return false
            }
            offset += n
        } while offset < bytes.count
        return true
    }
}
