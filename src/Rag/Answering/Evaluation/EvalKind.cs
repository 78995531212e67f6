namespace PaperBot.Rag.Answering.Evaluation;

/// <summary>
/// What a development question asks for, so that each kind is measured by what matters for it: a lookup by the
/// stated fact, a topic by recall, a day question by the share of the day's matching papers shown, an
/// unanswerable question by being declined.
/// </summary>
public enum EvalKind
{
    /// <summary>A number or a name, stated in one abstract ("how many…", "what is … called").</summary>
    Lookup,

    /// <summary>"Is there a paper/method that…": one paper answers.</summary>
    Exists,

    /// <summary>"How does…" / "why…": the method or the reason, from one paper.</summary>
    HowWhy,

    /// <summary>"Which papers…": several gold papers (3 to 8).</summary>
    Topic,

    /// <summary>A question limited to one day or a range of days: every matching paper of those days is gold.</summary>
    Day,

    /// <summary>No indexed paper answers it: the right answer is "not covered".</summary>
    Unanswerable,
}
