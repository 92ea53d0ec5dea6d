// The Office add-in manifest (XML: the unified JSON manifest is still preview for Excel and unsupported on
// perpetual Office) for one deployment's URL: a task pane with a button on the Home tab.
import { xmlText } from '../../shared/text/xml-safe.ts';

/** The add-in's identity: one id for every deployment of this product. */
export const ADDIN_ID = '6f0c3f1e-5b2a-4a49-9c53-2d8f6b0a7e41';

/** The manifest for a service at `baseUrl` (https://…, no trailing slash). */
export function manifestXml(baseUrl: string, version = '1.0.0.0'): string {
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:' && url.hostname !== 'localhost')
    throw new Error(`Office add-ins need https: ${baseUrl}`);
  const base = xmlText(`${url.origin}${url.pathname.replace(/\/+$/, '')}`);
  const pane = `${base}/addin/excel/taskpane.html`;
  const icon = (size: number) => `${base}/addin/icon-${size}.png`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:bt="http://schemas.microsoft.com/office/officeappbasictypes/1.0" xmlns:ov="http://schemas.microsoft.com/office/taskpaneappversionoverrides" xsi:type="TaskPaneApp">
  <Id>${ADDIN_ID}</Id>
  <Version>${xmlText(version)}</Version>
  <ProviderName>Phòng Nội vụ</ProviderName>
  <DefaultLocale>vi-VN</DefaultLocale>
  <DisplayName DefaultValue="Báo cáo kế hoạch">
    <Override Locale="en-US" Value="Plan reporting"/>
  </DisplayName>
  <Description DefaultValue="Xem nhiệm vụ được giao, kiểm tra và nộp báo cáo định kỳ thực hiện kế hoạch.">
    <Override Locale="en-US" Value="See the tasks assigned to your agency, check and submit the periodic report on the plan."/>
  </Description>
  <IconUrl DefaultValue="${icon(32)}"/>
  <HighResolutionIconUrl DefaultValue="${icon(64)}"/>
  <SupportUrl DefaultValue="${base}/addin/"/>
  <AppDomains>
    <AppDomain>${base}</AppDomain>
  </AppDomains>
  <Hosts>
    <Host Name="Workbook"/>
  </Hosts>
  <Requirements>
    <Sets DefaultMinVersion="1.1">
      <Set Name="ExcelApi" MinVersion="1.4"/>
    </Sets>
  </Requirements>
  <DefaultSettings>
    <SourceLocation DefaultValue="${pane}"/>
  </DefaultSettings>
  <Permissions>ReadWriteDocument</Permissions>
  <VersionOverrides xmlns="http://schemas.microsoft.com/office/taskpaneappversionoverrides" xsi:type="VersionOverridesV1_0">
    <Hosts>
      <Host xsi:type="Workbook">
        <DesktopFormFactor>
          <GetStarted>
            <Title resid="GetStarted.Title"/>
            <Description resid="GetStarted.Description"/>
            <LearnMoreUrl resid="GetStarted.LearnMoreUrl"/>
          </GetStarted>
          <FunctionFile resid="Taskpane.Url"/>
          <ExtensionPoint xsi:type="PrimaryCommandSurface">
            <OfficeTab id="TabHome">
              <Group id="PlanReporting.Group">
                <Label resid="Group.Label"/>
                <Icon>
                  <bt:Image size="16" resid="Icon.16x16"/>
                  <bt:Image size="32" resid="Icon.32x32"/>
                  <bt:Image size="80" resid="Icon.80x80"/>
                </Icon>
                <Control xsi:type="Button" id="PlanReporting.OpenPane">
                  <Label resid="Button.Label"/>
                  <Supertip>
                    <Title resid="Button.Label"/>
                    <Description resid="Button.Tooltip"/>
                  </Supertip>
                  <Icon>
                    <bt:Image size="16" resid="Icon.16x16"/>
                    <bt:Image size="32" resid="Icon.32x32"/>
                    <bt:Image size="80" resid="Icon.80x80"/>
                  </Icon>
                  <Action xsi:type="ShowTaskpane">
                    <TaskpaneId>PlanReporting.Pane</TaskpaneId>
                    <SourceLocation resid="Taskpane.Url"/>
                  </Action>
                </Control>
              </Group>
            </OfficeTab>
          </ExtensionPoint>
        </DesktopFormFactor>
      </Host>
    </Hosts>
    <Resources>
      <bt:Images>
        <bt:Image id="Icon.16x16" DefaultValue="${icon(16)}"/>
        <bt:Image id="Icon.32x32" DefaultValue="${icon(32)}"/>
        <bt:Image id="Icon.80x80" DefaultValue="${icon(80)}"/>
      </bt:Images>
      <bt:Urls>
        <bt:Url id="GetStarted.LearnMoreUrl" DefaultValue="${base}/addin/"/>
        <bt:Url id="Taskpane.Url" DefaultValue="${pane}"/>
      </bt:Urls>
      <bt:ShortStrings>
        <bt:String id="GetStarted.Title" DefaultValue="Báo cáo kế hoạch đã sẵn sàng"/>
        <bt:String id="Group.Label" DefaultValue="Báo cáo"/>
        <bt:String id="Button.Label" DefaultValue="Báo cáo kế hoạch"/>
      </bt:ShortStrings>
      <bt:LongStrings>
        <bt:String id="GetStarted.Description" DefaultValue="Mở mẫu báo cáo của cơ quan, bấm Báo cáo kế hoạch trên thẻ Trang đầu để xem nhiệm vụ, kiểm tra và nộp."/>
        <bt:String id="Button.Tooltip" DefaultValue="Mở thanh bên: nhiệm vụ được giao, hạn nộp, kiểm tra và nộp báo cáo."/>
      </bt:LongStrings>
    </Resources>
  </VersionOverrides>
</OfficeApp>
`;
}
