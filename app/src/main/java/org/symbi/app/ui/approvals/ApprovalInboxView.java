package org.symbi.app.ui.approvals;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseDragEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The approval inbox: pending requests as cards on the left, an Approve and a Deny zone on the right. A card
 * is decided by dragging it onto a zone, by its buttons, or from the keyboard (arrows choose a card, A
 * approves it, D denies it). Denying always asks for a reason.
 *
 * <p>Dragging is a full press-drag-release inside the scene (no dragboard): the card stays in its place,
 * dimmed, while a picture of it follows the pointer on a layer above everything else.
 */
public final class ApprovalInboxView extends StackPane {
    private static final PseudoClass TARGETED = PseudoClass.getPseudoClass("targeted");

    private final ApprovalInboxViewModel model;
    private final VBox cardColumn = new VBox(12);
    private final ScrollPane scroll = new ScrollPane();
    private final Map<ApprovalCard, ApprovalCardView> cardViews = new HashMap<>();
    private final Pane dragLayer = new Pane();
    private final ImageView dragPicture = new ImageView();
    private ApprovalCardView dragged;
    private Point2D grip = Point2D.ZERO;

    public ApprovalInboxView(ApprovalInboxViewModel model) {
        this.model = model;
        getStyleClass().add("approval-inbox");
        setFocusTraversable(true);

        BorderPane layout = new BorderPane();
        layout.setTop(header());
        layout.setCenter(cards());
        layout.setRight(zones());
        dragLayer.setMouseTransparent(true);
        dragLayer.setManaged(false);
        dragPicture.setOpacity(0.8);
        dragPicture.setVisible(false);
        dragLayer.getChildren().add(dragPicture);
        getChildren().addAll(layout, dragLayer);

        model.cards().addListener((ListChangeListener<ApprovalCard>) change -> showCards());
        model.selectedProperty().addListener((obs, was, now) -> showSelection(was, now));
        showCards();
        addEventFilter(MouseEvent.MOUSE_DRAGGED, this::followPointer);
        addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        addEventFilter(MouseEvent.MOUSE_PRESSED, e -> requestFocus());
    }

    private Node header() {
        Label title = new Label("Approval inbox");
        title.getStyleClass().add("title-3");
        Label count = new Label();
        count.setId("approval-count");
        count.getStyleClass().add("text-muted");
        count.textProperty().bind(Bindings.size(model.cards())
                .map(n -> n.intValue() == 1 ? "1 request waits" : n + " requests wait"));
        Label message = new Label();
        message.setId("approval-message");
        message.getStyleClass().add("text-muted");
        message.textProperty().bind(model.messageProperty());
        HBox top = new HBox(12, title, count, message);
        top.setAlignment(Pos.BASELINE_LEFT);
        top.setPadding(new Insets(8, 12, 8, 12));
        return top;
    }

    private Node cards() {
        Label empty = new Label("No request waits for approval. Agents' gated actions appear here when the"
                + " policy asks for approvals.");
        empty.setId("approval-empty");
        empty.setWrapText(true);
        empty.getStyleClass().add("text-muted");
        empty.visibleProperty().bind(Bindings.isEmpty(model.cards()));
        empty.managedProperty().bind(empty.visibleProperty());
        VBox column = new VBox(12, empty, cardColumn);
        column.setPadding(new Insets(4, 12, 12, 12));
        scroll.setContent(column);
        scroll.setFitToWidth(true);
        scroll.setId("approval-cards");
        return scroll;
    }

    private Node zones() {
        VBox approve = zone("approve-zone", "Approve", "Drop a card here, or press A", model::approve);
        VBox deny = zone("deny-zone", "Deny", "Drop a card here, or press D", this::askDenyReason);
        approve.getStyleClass().add("drop-approve");
        deny.getStyleClass().add("drop-deny");
        VBox.setVgrow(approve, Priority.ALWAYS);
        VBox.setVgrow(deny, Priority.ALWAYS);
        VBox column = new VBox(12, approve, deny);
        column.setPadding(new Insets(4, 12, 12, 0));
        column.setPrefWidth(200);
        return column;
    }

    private VBox zone(String id, String title, String hint, Consumer<ApprovalCard> onDrop) {
        Label name = new Label(title);
        name.getStyleClass().add("title-4");
        Label help = new Label(hint);
        help.setWrapText(true);
        help.getStyleClass().add("text-muted");
        VBox zone = new VBox(6, name, help);
        zone.setId(id);
        zone.setAlignment(Pos.CENTER);
        zone.getStyleClass().add("drop-zone");
        zone.setOnMouseDragEntered(e -> zone.pseudoClassStateChanged(TARGETED, dragged != null));
        zone.setOnMouseDragExited(e -> zone.pseudoClassStateChanged(TARGETED, false));
        zone.setOnMouseDragReleased(e -> {
            zone.pseudoClassStateChanged(TARGETED, false);
            if (e.getGestureSource() instanceof ApprovalCardView source) {
                endDrag(source);
                model.select(source.card());
                onDrop.accept(source.card());
            }
            e.consume();
        });
        return zone;
    }

    private void showCards() {
        cardViews.keySet().retainAll(model.cards());
        cardColumn.getChildren().setAll(model.cards().stream()
                .map(card -> cardViews.computeIfAbsent(card, this::cardView)).toList());
        showSelection(null, model.selected());
    }

    private ApprovalCardView cardView(ApprovalCard card) {
        ApprovalCardView view = new ApprovalCardView(card, () -> model.approve(card), () -> askDenyReason(card));
        view.setOnMousePressed(e -> model.select(card));
        view.setOnDragDetected(e -> startDrag(view, e));
        view.addEventHandler(MouseDragEvent.MOUSE_DRAG_DONE, e -> endDrag(view));
        return view;
    }

    private void startDrag(ApprovalCardView view, MouseEvent e) {
        model.select(view.card());
        dragged = view;
        Point2D inCard = view.sceneToLocal(e.getSceneX(), e.getSceneY());
        grip = inCard == null ? Point2D.ZERO : inCard;
        dragPicture.setImage(view.snapshot(null, null));
        dragPicture.setVisible(true);
        movePicture(e.getSceneX(), e.getSceneY());
        view.getStyleClass().add("dragging");
        // The drop zones under the pointer must see the release, not the card being dragged.
        view.setMouseTransparent(true);
        view.startFullDrag();
        e.consume();
    }

    /** Moves the picture from a filter: a drag from a test robot does not report the button as held. */
    private void followPointer(MouseEvent e) {
        if (dragged != null) {
            movePicture(e.getSceneX(), e.getSceneY());
        }
    }

    private void movePicture(double sceneX, double sceneY) {
        Point2D at = dragLayer.sceneToLocal(sceneX, sceneY);
        if (at != null) {
            dragPicture.relocate(at.getX() - grip.getX(), at.getY() - grip.getY());
        }
    }

    private void endDrag(ApprovalCardView view) {
        view.setMouseTransparent(false);
        view.getStyleClass().remove("dragging");
        if (dragged == view) {
            dragged = null;
            dragPicture.setVisible(false);
            dragPicture.setImage(null);
        }
    }

    private void onKey(KeyEvent e) {
        if (e.isShortcutDown() || e.isAltDown()
                || e.getTarget() instanceof TextInputControl input && input.isEditable()) {
            return;
        }
        switch (e.getCode()) {
            case A -> model.approveSelected().execute();
            case D -> askDenyReason(model.selected());
            case UP, LEFT -> model.selectPrevious();
            case DOWN, RIGHT -> model.selectNext();
            default -> {
                return;
            }
        }
        e.consume();
    }

    private void askDenyReason(ApprovalCard card) {
        if (card == null || card.isDeciding() || getScene() == null) {
            return;
        }
        model.select(card);
        DenyDialog dialog = new DenyDialog(card, getScene().getWindow());
        dialog.getDialogPane().getStylesheets().setAll(getScene().getStylesheets());
        dialog.setOnHidden(e -> {
            String reason = dialog.getResult();
            if (reason != null) {
                model.deny(card, reason);
            }
            requestFocus();
        });
        dialog.show();
    }

    private void showSelection(ApprovalCard was, ApprovalCard now) {
        cardViews.forEach((card, view) -> view.showSelected(card == now));
        ApprovalCardView view = now == null ? null : cardViews.get(now);
        if (view != null && was != now) {
            scrollTo(view);
        }
    }

    /** Keeps the chosen card in sight when the keyboard moves the choice. */
    private void scrollTo(ApprovalCardView view) {
        Bounds content = scroll.getContent().getLayoutBounds();
        Bounds viewport = scroll.getViewportBounds();
        Bounds card = scroll.getContent().sceneToLocal(view.localToScene(view.getLayoutBounds()));
        double scrollable = content.getHeight() - viewport.getHeight();
        if (card == null || scrollable <= 0) {
            return;
        }
        double top = scroll.getVvalue() * scrollable;
        if (card.getMinY() < top) {
            scroll.setVvalue(card.getMinY() / scrollable);
        } else if (card.getMaxY() > top + viewport.getHeight()) {
            scroll.setVvalue((card.getMaxY() - viewport.getHeight()) / scrollable);
        }
    }
}
