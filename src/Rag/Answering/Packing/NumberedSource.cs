using PaperBot.Rag.Answering.Retrieval;

namespace PaperBot.Rag.Answering.Packing;

/// <summary>A paper as given to the model: its number [n], the retrieval entry, and whether its abstract was shortened to fit.</summary>
public sealed record NumberedSource(int Number, RetrievedPaper Retrieved, string Block, bool Shortened);
