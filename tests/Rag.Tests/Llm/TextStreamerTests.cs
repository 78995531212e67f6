using System.Text;
using PaperBot.Rag.Llm.Local;

namespace PaperBot.Rag.Tests.Llm;

[Collection(LlamaTestGroup.Name)]
public sealed class TextStreamerTests(LlamaModels models)
{
    private const string Text = "Grüße, café naïve — 你好，世界！研究论文 🎉🚀👩‍🔬 done";

    [Theory]
    [InlineData("llama")]
    [InlineData("qwen2")]
    public void Streams_multi_byte_text_token_by_token_without_replacement_characters(string which)
    {
        using var model = LlamaModel.Load(which == "llama" ? models.Llama : models.Qwen2);
        var tokens = model.Tokenize(Text, addSpecial: false);
        var streamer = new TextStreamer([]);
        var output = new StringBuilder();
        var split = 0;
        var piece = new byte[LlamaVocabulary.MaxPieceBytes];
        foreach (var token in tokens)
        {
            var length = model.Vocabulary.TokenToPiece(token, piece);
            split += IsCompleteUtf8(piece.AsSpan(0, length)) ? 0 : 1;
            var released = streamer.Push(piece.AsSpan(0, length));
            Assert.DoesNotContain('\uFFFD', released);
            output.Append(released);
        }

        output.Append(streamer.Flush());
        Assert.Equal(Text, output.ToString().TrimStart());
        Assert.True(split > 0, "the vocabulary should split some characters across tokens");
    }

    [Fact]
    public void Holds_back_a_possible_stop_sequence_until_it_is_decided()
    {
        var streamer = new TextStreamer(["</answer>"]);
        Assert.Equal("Hello ", streamer.Push("Hello </an"u8));
        Assert.Equal("", streamer.Push("sw"u8));
        Assert.Equal("</ans", streamer.Push("!"u8)[..5]);
        Assert.False(streamer.Stopped);
        Assert.Equal("x", streamer.Push("x</answer> tail"u8));
        Assert.True(streamer.Stopped);
        Assert.Equal("", streamer.Flush());
    }

    private static bool IsCompleteUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
