import Foundation

/// The accent-blind matching every search in Varde uses: case and accents ignored, and ø/æ typed
/// as o/ae match too, so that any keyboard finds Bodø and Grønli. The queue filter folds the same way.
public enum SearchFolding {
    public static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: "ø", with: "o").replacingOccurrences(of: "æ", with: "ae")
    }

    /// Whether every word of `query` (folded) occurs in `text` (folded); an empty query matches nothing.
    public static func matches(_ query: String, in text: String) -> Bool {
        let words = words(query)
        guard !words.isEmpty else { return false }
        return matches(words, folded: fold(text))
    }

    /// The folded words of a query, to match many texts against (`matches(_:folded:)`).
    public static func words(_ query: String) -> [String] {
        fold(query).split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
    }

    /// Whether every (folded) word occurs in an already folded text; no words match nothing.
    public static func matches(_ words: [String], folded text: String) -> Bool {
        !words.isEmpty && words.allSatisfy { text.contains($0) }
    }
}
