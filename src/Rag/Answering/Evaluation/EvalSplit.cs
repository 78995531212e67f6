namespace PaperBot.Rag.Answering.Evaluation;

/// <summary>Tune: the questions thresholds and rules may be fitted to. Check: held out, to see that they generalize.</summary>
public enum EvalSplit
{
    Tune,
    Check,
}
