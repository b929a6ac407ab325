import Testing
import VardeConsole
import VardeDomain

/// The message editor moves and deletes by what a reader sees as one character, word and line.
struct ComposeEditorTests {
    @Test func typingAndMovingByCharacterTreatsCombiningMarksAndEmojiAsOne() {
        var editor = ComposeEditor(text: "Ma\u{030A}løy 👍🏽", width: 40)
        #expect(editor.count == 7)
        editor.left()
        editor.backspace()
        #expect(editor.text == "Ma\u{030A}løy👍🏽")
        editor.rowStart()
        editor.right()
        editor.right()
        editor.insert("x")
        #expect(editor.text == "Ma\u{030A}xløy👍🏽")
    }

    @Test func wordsAreSkippedAndDeletedWhole() {
        var editor = ComposeEditor(text: "mål på nytt, takk", width: 40)
        editor.wordLeft()
        #expect(editor.cursor == 13)
        editor.wordLeft()
        editor.wordLeft()
        #expect(editor.cursor == 4)
        editor.wordRight()
        #expect(editor.cursor == 6)
        var deleting = ComposeEditor(text: "mål på nytt", width: 40)
        deleting.deleteWordBack()
        #expect(deleting.text == "mål på ")
    }

    @Test func upAndDownKeepTheColumnAcrossWrappedAndHardLines() {
        var editor = ComposeEditor(text: "første linje\nandre\ntredje linje her", width: 40)
        #expect(editor.cursorRow == 2)
        editor.up()
        #expect(editor.cursorRow == 1)
        #expect(editor.cursor == 13 + 5, "the column is past 'andre', so the cursor stops at its end")
        editor.up()
        #expect(editor.cursorRow == 0)
        editor.down()
        editor.down()
        editor.down()
        #expect(editor.cursor == editor.count)
        let wrapped = ComposeEditor(text: "ord ord ord ord ord ord", width: 10)
        #expect(wrapped.rows.count == 3)
    }

    @Test func pastingBeyondTheLimitLeavesOutTheRestAndSaysHowMuch() {
        var editor = ComposeEditor(text: String(repeating: "a", count: 990), width: 60)
        editor.insert(String(repeating: "b", count: 25))
        #expect(editor.count == MessageText.maximumLength)
        #expect(editor.refusal == .tooLong(leftOut: 15))
        editor.backspace()
        #expect(editor.refusal == nil)
        editor.insert("x")
        #expect(editor.refusal == nil)
        editor.insert("y")
        #expect(editor.refusal == .tooLong(leftOut: 1))
    }

    @Test func controlCharactersAreNotTypedButLineBreaksAre() {
        var editor = ComposeEditor(width: 40)
        editor.insert("hei\u{1B}[2J\tder\r\nneste\u{07}")
        #expect(editor.text == "hei[2J der\nneste")
    }

    @Test func emptyOrWhitespaceCannotBeSent() {
        #expect(MessageText.refusal("  \n ") == .empty)
        #expect(MessageText.refusal("ok") == nil)
        #expect(MessageText.refusal(String(repeating: "x", count: 1001)) == .tooLong(by: 1))
    }
}

/// A paste arrives as one key per character: what the editor says it left out is the whole paste's loss.
struct ComposePasteTests {
    @Test func aPasteOverTheLimitSaysHowManyCharactersWereLeftOut() {
        var editor = ComposeEditor(width: 60)
        for character in String(repeating: "abcdefghij", count: 145) { editor.insert(String(character)) }
        #expect(editor.count == MessageText.maximumLength)
        #expect(editor.refusal == .tooLong(leftOut: 450))
    }
}
