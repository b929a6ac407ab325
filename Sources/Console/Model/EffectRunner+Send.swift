import VardeTerminal

extension EffectRunner {
    /// One event through the model and every effect it asks for carried out, their results fed back in
    /// turn: the terminal's own effects (repaint, bell) on `terminal`, the rest by this runner. The live
    /// loop and the headless script both go through here.
    func send(_ event: ConsoleEvent, to model: inout ConsoleModel, terminal: any TerminalBackend) {
        var pending = [event]
        while !pending.isEmpty {
            let next = pending.removeFirst()
            for effect in model.update(next) {
                switch effect {
                case .repaint: terminal.repaint()
                case .bell: terminal.bell()
                case .copy(let sequence): terminal.send(controlSequence: sequence)
                default: if let result = run(effect, context: model.context) { pending.append(.done(result)) }
                }
            }
        }
    }
}
