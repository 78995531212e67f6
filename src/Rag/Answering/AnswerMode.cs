namespace PaperBot.Rag.Answering;

/// <summary>How an answer was written: by the model from the packed sources, or extracted from the abstracts.</summary>
public enum AnswerMode
{
    Model,
    Extractive,
}
