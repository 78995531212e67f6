using System.Collections;
using System.ComponentModel;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PaperBot.Rag;

/// <summary>
/// Binds an options class to its configuration section after checking that every value converts to its
/// property's type, so a bad value fails as a <see cref="ConfigurationValueException"/> that names its key.
/// </summary>
public static class SectionBinding
{
    /// <summary>Binds <paramref name="section"/> of <paramref name="configuration"/> to the options, value by value checked.</summary>
    public static OptionsBuilder<T> BindSection<T>(this OptionsBuilder<T> builder, IConfiguration configuration, string section)
        where T : class =>
        builder.Configure(options => Bind(configuration.GetSection(section), options));

    /// <summary>
    /// Binds <paramref name="section"/> as <see cref="BindSection{T}"/> does and checks the options with their generated
    /// <paramref name="validator"/> when the host starts, each failure naming its key (<see cref="SectionValidator{TOptions}"/>).
    /// </summary>
    public static OptionsBuilder<T> BindValidatedSection<T>(this OptionsBuilder<T> builder, IConfiguration configuration, string section, IValidateOptions<T> validator)
        where T : class
    {
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>>(new SectionValidator<T>(validator, section)));
        return builder.BindSection(configuration, section).ValidateOnStart();
    }

    /// <summary>The options as <paramref name="section"/> sets them (defaults for what it leaves out), value by value checked.</summary>
    public static T Read<T>(IConfiguration configuration, string section)
        where T : class, new()
    {
        var options = new T();
        Bind(configuration.GetSection(section), options);
        return options;
    }

    private static void Bind(IConfigurationSection section, object options)
    {
        Check(section, options.GetType());
        section.Bind(options);
    }

    private static void Check(IConfigurationSection section, Type type)
    {
        foreach (var child in section.GetChildren())
        {
            if (type.GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is { } property)
            {
                CheckValue(child, property.PropertyType);
            }
        }
    }

    private static void CheckValue(IConfigurationSection section, Type type)
    {
        if (type != typeof(string) && ElementType(type) is { } element)
        {
            foreach (var item in section.GetChildren())
            {
                CheckValue(item, element);
            }

            return;
        }

        var underlying = Nullable.GetUnderlyingType(type);
        var target = underlying ?? type;
        var converter = TypeDescriptor.GetConverter(target);
        if (target == typeof(string) || !converter.CanConvertFrom(typeof(string)))
        {
            if (target.IsClass && target != typeof(string))
            {
                Check(section, target);
            }

            return;
        }

        // As the binder does: an empty value leaves a nullable setting unset.
        if (section.Value is not { } value || (underlying is not null && value.Length == 0))
        {
            return;
        }

        try
        {
            converter.ConvertFromInvariantString(value);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            throw new ConfigurationValueException(section.Path, target, e);
        }
    }

    /// <summary>The element type of a list setting (List&lt;T&gt;, IList&lt;T&gt;, T[]), or null.</summary>
    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType ? type.GetGenericArguments()[0]
        : null;
}
