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
        let words = fold(query).split(whereSeparator: { $0 == " " || $0 == "," })
        guard !words.isEmpty else { return false }
        let haystack = fold(text)
        return words.allSatisfy { haystack.contains($0) }
    }
}
