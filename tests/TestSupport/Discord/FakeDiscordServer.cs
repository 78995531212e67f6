using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PaperBot.TestSupport.Discord;

/// <summary>
/// An in-process Discord on 127.0.0.1 (random port): the gateway WebSocket at /gateway (and /resume, the
/// resume_gateway_url it hands out) and the REST API under /api/v10/.
/// </summary>
public sealed class FakeDiscordServer : IAsyncDisposable
{
    public const string DefaultToken = "fake-bot-token.SECRET-d1sc0rd";

    private readonly WebApplication _app;
    private string _baseUrl = "";

    private FakeDiscordServer(WebApplication app, string token)
    {
        _app = app;
        var interactions = new FakeInteractions();
        Gateway = new FakeGateway(token, () => _baseUrl.Replace("http://", "ws://", StringComparison.Ordinal), interactions);
        Rest = new FakeRestApi(token, () => GatewayUrl, interactions);
    }

    public FakeGateway Gateway { get; }

    public FakeRestApi Rest { get; }

    /// <summary>Discord:ApiBaseUrl for the bot.</summary>
    public string ApiBaseUrl => _baseUrl + "/api/v10";

    /// <summary>The URL GET /gateway/bot returns; also usable as Discord:GatewayUrl.</summary>
    public string GatewayUrl => _baseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/gateway";

    public static async Task<FakeDiscordServer> StartAsync(string token = DefaultToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeDiscordServer(app, token);
        app.UseWebSockets();
        app.Run(context => context.WebSockets.IsWebSocketRequest && context.Request.Path.Value is "/gateway" or "/resume"
            ? server.Gateway.HandleAsync(context)
            : server.Rest.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server._baseUrl = address.TrimEnd('/');
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Open WebSockets can hold shutdown; the test is over, so dropping them is fine.
        }

        await _app.DisposeAsync();
    }
}
