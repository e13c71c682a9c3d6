//! A small block-style YAML writer for the exporters.
//!
//! Owns quoting: every string that a YAML 1.1 or 1.2 reader (libyaml, Go's
//! yaml, PyYAML) could take for anything but that exact string is
//! double-quoted, so `yes`, `1:20`, `{{`, `# x` or a trailing newline all come
//! back as typed. Multi-line text (PromQL, descriptions) is written as a
//! literal block when that is lossless. Knows nothing of any spec format.

/// A YAML node. Mappings keep their insertion order, which the specs' readers
/// do not need but people reviewing the files do.
#[derive(Debug, Clone, PartialEq)]
pub enum Y {
    Str(String),
    Num(f64),
    Bool(bool),
    Seq(Vec<Y>),
    Map(Vec<(String, Y)>),
}

/// A string node.
pub fn s(text: impl Into<String>) -> Y {
    Y::Str(text.into())
}

/// A mapping node from pairs, in order.
pub fn map<K: Into<String>>(pairs: Vec<(K, Y)>) -> Y {
    Y::Map(pairs.into_iter().map(|(k, v)| (k.into(), v)).collect())
}

/// One YAML document, ending in a newline.
pub fn document(root: &Y) -> String {
    let mut out = String::new();
    match root {
        Y::Map(m) if !m.is_empty() => write_map(m, 0, false, &mut out),
        Y::Seq(items) if !items.is_empty() => write_seq(items, 0, &mut out),
        other => {
            out.push_str(&inline(other));
            out.push('\n');
        }
    }
    out
}

/// Several documents separated by `---`, as Kubernetes and OpenSLO tools read them.
pub fn documents(roots: &[Y]) -> String {
    roots.iter().map(document).collect::<Vec<_>>().join("---\n")
}

/// A `#` comment line per line of `text`; control characters become spaces so
/// user text can never end the comment and start YAML.
pub fn comment(text: &str) -> String {
    text.lines()
        .map(|l| {
            let clean: String = l
                .chars()
                .map(|c| if is_break_or_control(c) { ' ' } else { c })
                .collect();
            format!("# {}\n", clean.trim_end())
        })
        .collect()
}

fn write_map(m: &[(String, Y)], indent: usize, first_inline: bool, out: &mut String) {
    for (i, (k, v)) in m.iter().enumerate() {
        if !(i == 0 && first_inline) {
            pad(indent, out);
        }
        out.push_str(&scalar_inline(k));
        out.push(':');
        write_value_after_key(v, indent, out);
    }
}

fn write_value_after_key(v: &Y, indent: usize, out: &mut String) {
    match v {
        Y::Map(m) if !m.is_empty() => {
            out.push('\n');
            write_map(m, indent + 2, false, out);
        }
        Y::Seq(items) if !items.is_empty() => {
            out.push('\n');
            write_seq(items, indent, out);
        }
        Y::Str(text) => write_string_value(text, indent + 2, out),
        other => {
            out.push(' ');
            out.push_str(&inline(other));
            out.push('\n');
        }
    }
}

fn write_seq(items: &[Y], indent: usize, out: &mut String) {
    for item in items {
        pad(indent, out);
        out.push('-');
        match item {
            Y::Map(m) if !m.is_empty() => {
                out.push(' ');
                write_map(m, indent + 2, true, out);
            }
            Y::Seq(inner) if !inner.is_empty() => {
                out.push('\n');
                write_seq(inner, indent + 2, out);
            }
            Y::Str(text) => write_string_value(text, indent + 2, out),
            other => {
                out.push(' ');
                out.push_str(&inline(other));
                out.push('\n');
            }
        }
    }
}

/// Writes ` value\n` or a literal block whose lines sit at `content_indent`.
fn write_string_value(text: &str, content_indent: usize, out: &mut String) {
    if let Some(chomp) = literal_block_chomping(text) {
        out.push_str(" |");
        out.push_str(chomp);
        out.push('\n');
        for line in text.strip_suffix('\n').unwrap_or(text).split('\n') {
            if !line.is_empty() {
                pad(content_indent, out);
                out.push_str(line);
            }
            out.push('\n');
        }
    } else {
        out.push(' ');
        out.push_str(&scalar_inline(text));
        out.push('\n');
    }
}

/// `Some("-")` or `Some("")` when `text` can be a literal block without loss.
fn literal_block_chomping(text: &str) -> Option<&'static str> {
    if !text.contains('\n') || text.starts_with([' ', '\n']) || text.ends_with("\n\n") {
        return None;
    }
    let body = text.strip_suffix('\n').unwrap_or(text);
    let clean = body
        .chars()
        .all(|c| c == '\n' || !(is_break_or_control(c) || c == '\t'))
        && body.split('\n').all(|l| !l.ends_with(' '));
    if !clean {
        return None;
    }
    Some(if text.ends_with('\n') { "" } else { "-" })
}

fn inline(v: &Y) -> String {
    match v {
        Y::Str(text) => scalar_inline(text),
        Y::Num(n) if n.is_finite() => format!("{n}"),
        Y::Num(n) if n.is_nan() => ".nan".into(),
        Y::Num(n) => {
            if *n > 0.0 {
                ".inf".into()
            } else {
                "-.inf".into()
            }
        }
        Y::Bool(b) => b.to_string(),
        Y::Seq(_) => "[]".into(),
        Y::Map(_) => "{}".into(),
    }
}

/// The string as a plain scalar when no YAML reader can misread it, otherwise double-quoted.
pub fn scalar_inline(text: &str) -> String {
    if is_safe_plain(text) {
        text.to_string()
    } else {
        double_quoted(text)
    }
}

/// Words that YAML 1.1 readers (PyYAML, Go yaml.v2) resolve to booleans or null.
const RESERVED: [&str; 12] = [
    "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "nan", "inf",
];

fn is_safe_plain(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    (first.is_ascii_alphabetic() || first == '_' || first == '/')
        && !text.ends_with(' ')
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '/' | '-' | ' '))
        && !RESERVED.contains(&text.to_ascii_lowercase().as_str())
}

fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if is_break_or_control(c) => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Control characters, the BOM and the Unicode line/paragraph separators that
/// YAML 1.1 treats as line breaks.
fn is_break_or_control(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
}

fn pad(n: usize, out: &mut String) {
    out.extend(std::iter::repeat_n(' ', n));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> serde_norway::Value {
        serde_norway::from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    const NASTY: [&str; 24] = [
        "plain",
        "yes",
        "No",
        "on",
        "1:20",
        "0o17",
        "1e3",
        "-5",
        ".5",
        "~",
        "null",
        "",
        " leading",
        "trailing ",
        "a: b",
        "# not a comment",
        "{{ .window }}",
        "}}",
        "quote \" and 'single'",
        "back\\slash",
        "line\nbreak",
        "ends with newline\n",
        "</script><b>é ünï 日本</b>",
        "tab\there\u{2028}x",
    ];

    #[test]
    fn every_string_reads_back_exactly_as_written() {
        for text in NASTY {
            let doc = document(&map(vec![(text, s(text)), ("list", Y::Seq(vec![s(text)]))]));
            let back = parse(&doc);
            assert_eq!(back[text].as_str(), Some(text), "value {text:?} in\n{doc}");
            assert_eq!(
                back["list"][0].as_str(),
                Some(text),
                "list item {text:?} in\n{doc}"
            );
        }
    }

    #[test]
    fn multi_line_queries_become_literal_blocks() {
        let q = "sum(rate(x[5m]))\n/\nsum(rate(y[5m]))";
        let doc = document(&map(vec![("expr", s(q))]));
        assert_eq!(
            doc,
            "expr: |-\n  sum(rate(x[5m]))\n  /\n  sum(rate(y[5m]))\n"
        );
        assert_eq!(parse(&doc)["expr"].as_str(), Some(q));
    }

    #[test]
    fn nested_sequences_of_mappings_keep_structure_and_numbers() {
        let root = map(vec![(
            "groups",
            Y::Seq(vec![map(vec![
                ("name", s("g")),
                ("factor", Y::Num(14.4)),
                ("on", Y::Bool(true)),
                ("empty", Y::Map(vec![])),
            ])]),
        )]);
        let doc = document(&root);
        let back = parse(&doc);
        assert_eq!(back["groups"][0]["name"].as_str(), Some("g"));
        assert_eq!(back["groups"][0]["factor"].as_f64(), Some(14.4));
        assert_eq!(back["groups"][0]["on"].as_bool(), Some(true));
        assert!(back["groups"][0]["empty"]
            .as_mapping()
            .is_some_and(|m| m.is_empty()));
    }

    #[test]
    fn comments_cannot_break_out_into_yaml() {
        let c = comment("window 30d\nkey: value\u{2028}more");
        assert_eq!(c, "# window 30d\n# key: value more\n");
        assert!(parse(&format!("{c}a: 1\n"))["key"].is_null());
    }
}
