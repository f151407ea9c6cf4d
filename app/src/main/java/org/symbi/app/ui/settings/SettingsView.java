package org.symbi.app.ui.settings;

import atlantafx.base.controls.ToggleSwitch;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.symbi.app.ui.kit.Forms;
import org.symbi.app.ui.kit.Theme;

import java.util.Locale;
import java.util.function.Function;

/** The room's settings in tabs: general (data, gateway, theme), approvers, language models and the policy. */
public final class SettingsView extends BorderPane {
    private final SettingsViewModel model;

    public SettingsView(SettingsViewModel model, PolicyViewModel policy) {
        this.model = model;
        getStyleClass().add("settings-view");
        TabPane tabs = new TabPane(
                tab("General", general()),
                tab("Approvers", approvers()),
                tab("Language models", new ProvidersPane(model)),
                tab("Policy", new PolicyPane(policy)));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setCenter(tabs);
        Node messages = Forms.feedback("settings", model.infoProperty(), model.errorProperty());
        BorderPane.setMargin(messages, new Insets(0, 12, 8, 12));
        setBottom(messages);
        model.load();
        policy.load();
    }

    private static Tab tab(String title, Node content) {
        Tab t = new Tab(title, content);
        t.setId("settings-tab-" + title.toLowerCase(Locale.ROOT).replace(' ', '-'));
        return t;
    }

    private Node general() {
        GridPane grid = form();
        int row = 0;
        grid.addRow(row++, new Label("Data directory"), readOnly("settings-data-dir", model.dataDir()));
        grid.addRow(row++, new Label("Gateway now"), new Label(model.runningGateway()));

        TextField host = Forms.field("gateway-host", "127.0.0.1", model.gatewayHostProperty());
        TextField port = Forms.field("gateway-port", "7420", model.gatewayPortProperty());
        TextField keystore = Forms.field("gateway-keystore", "PKCS#12 or JKS file; empty for no TLS",
                model.gatewayKeystoreProperty());
        Button save = Forms.button("gateway-save", "Save gateway", model.saveGatewayCommand());
        grid.addRow(row++, new Label("Gateway host"), host);
        grid.addRow(row++, new Label("Gateway port"), port);
        grid.addRow(row++, new Label("TLS keystore"), keystore);
        Label later = muted("Takes effect the next time the room starts. Use 127.0.0.1 to accept agents from "
                + "this machine only, 0.0.0.0 to accept them from the network. With a keystore the gateway serves "
                + "wss:// and https://; its password comes from the SYMBI_KEYSTORE_PASSWORD environment variable.");
        grid.add(new VBox(6, save, later), 1, row++);

        ToggleSwitch dark = new ToggleSwitch("Dark theme");
        dark.setId("theme-switch");
        dark.setSelected(model.themeProperty().get() == Theme.DARK);
        model.themeProperty().addListener((obs, was, now) -> dark.setSelected(now == Theme.DARK));
        dark.selectedProperty().addListener((obs, was, on) -> model.useTheme(on ? Theme.DARK : Theme.LIGHT));
        grid.addRow(row, new Label("Theme"), dark);
        return grid;
    }

    private Node approvers() {
        GridPane grid = form();
        grid.addRow(0, new Label("This room's approver"), idLabel());
        TextField key = readOnly("local-approver-key", "");
        key.textProperty().bind(model.localApproverKeyProperty());
        grid.addRow(1, new Label("Its public key"), key);

        TableView<ApproverRow> table = new TableView<>(model.approvers());
        table.setId("approvers-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Id", ApproverRow::id));
        table.getColumns().add(column("Name", ApproverRow::name));
        table.getColumns().add(column("Groups", ApproverRow::groups));
        table.getColumns().add(column("Public key", ApproverRow::publicKey));
        table.setPlaceholder(new Label("No approvers are registered"));
        Label about = muted("Approvers sign approvals with their own keys. The room's approver is the person at "
                + "this screen; its key stays in the data directory's keys folder.");
        VBox box = new VBox(10, grid, new Label("Registered approvers"), table, about);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setPadding(new Insets(12));
        return box;
    }

    private Label idLabel() {
        Label id = new Label();
        id.setId("local-approver-id");
        id.textProperty().bind(model.localApproverIdProperty());
        return id;
    }

    static <T> TableColumn<T, String> column(String title, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return c;
    }

    private static GridPane form() {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(10);
        grid.setPadding(new Insets(12));
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setMaxWidth(640);
        grid.getColumnConstraints().addAll(labels, fields);
        return grid;
    }

    private static TextField readOnly(String id, String text) {
        TextField f = new TextField(text);
        f.setId(id);
        f.setEditable(false);
        return f;
    }

    static Label muted(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("text-muted");
        return l;
    }
}
